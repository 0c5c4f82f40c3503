// The apt helper every stack's image gets, read once from templates/.
import { loadTemplate } from '../templating/render-template.js';

export async function aptInstallScript(): Promise<Buffer> {
  return Buffer.from(await loadTemplate('apt-install.sh'));
}

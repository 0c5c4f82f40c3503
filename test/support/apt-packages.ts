// Which Debian packages a diagnosis tells a user to add, and whether a runtime image's suite has them,
// asked independently of stagebisect's own check: `apt-cache show` in a throwaway container.
import { execa } from 'execa';
import type { Diagnosis } from '../../src/model.js';

// "Add `python3-jwt` under `apt:`" and "(`apt: [python3-jwt]`)": how remedies propose Debian packages.
const UNDER_APT = /`([a-z0-9][a-z0-9.+-]+)` under `apt:`|`apt: \[([a-z0-9][a-z0-9.+-]+)\]`/g;

/** Every Debian package the remedy text proposes, and the one in `packages` unless checked missing. */
export function proposedAptPackages(diagnosis: Diagnosis | null | undefined): string[] {
  if (!diagnosis) return [];
  const inText = [...diagnosis.remedy.matchAll(UNDER_APT)].map((m) => m[1] ?? m[2] ?? '');
  const packages = diagnosis.packages;
  const listed = packages?.apt && packages.aptCheck !== 'missing' ? [packages.apt] : [];
  return [...new Set([...inText, ...listed])];
}

const answers = new Map<string, Promise<boolean>>();

/** Whether `image`'s Debian suite has `name` (an installable version, not only a virtual name). */
export function suiteHas(image: string, name: string): Promise<boolean> {
  const key = `${image} ${name}`;
  let answer = answers.get(key);
  if (!answer) {
    answer = execa('docker', ['run', '--rm', '--network', 'none', image, 'apt-cache', 'show', name], {
      reject: false,
    }).then((result) => result.exitCode === 0 && /^Version: /m.test(String(result.stdout)));
    answers.set(key, answer);
  }
  return answer;
}

/** The proposed packages `image`'s suite does not have: empty when every remedy is installable. */
export async function missingFromSuite(
  image: string,
  diagnosis: Diagnosis | null | undefined,
): Promise<string[]> {
  const names = proposedAptPackages(diagnosis);
  const has = await Promise.all(names.map((name) => suiteHas(image, name)));
  return names.filter((_, i) => !has[i]);
}

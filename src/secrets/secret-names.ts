// Which env names hold secrets: the declared ones, and any named like a key, token, password or secret.

const SECRET_NAME = /(_KEY|_TOKEN)$|PASSWORD|SECRET|^API_?KEY$|CREDENTIAL/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

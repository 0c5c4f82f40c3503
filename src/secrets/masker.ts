// Replaces secret values in any text that leaves the engine: reports, logs, JSON, generated documents.

export const MASK = '***';

/** user:password@ in any URL, whatever the password is. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)@/gi;
/** Values shorter than this would mask ordinary words; none of ours are. */
const MIN_SECRET_LENGTH = 4;

export class Masker {
  private values: string[] = [];

  /** Registers a secret value (and its URL-encoded form, as it appears in connection strings). */
  add(value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;
    const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
    // Longest first, so a secret that contains another is masked whole.
    this.values = [...new Set([...this.values, ...forms])].sort((a, b) => b.length - a.length);
  }

  mask(text: string): string {
    let masked = text;
    for (const value of this.values) masked = masked.split(value).join(MASK);
    return masked.replace(URL_CREDENTIALS, `$1${MASK}@`);
  }

  /** A deep copy of plain data with every string masked. */
  maskData<T>(data: T): T {
    if (typeof data === 'string') return this.mask(data) as T;
    if (Array.isArray(data)) return data.map((item: unknown) => this.maskData(item)) as T;
    if (data && typeof data === 'object') {
      return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, this.maskData(v)])) as T;
    }
    return data;
  }
}

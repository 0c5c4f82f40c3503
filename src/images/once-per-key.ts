// Work done once per key, shared by every caller that asks for the same key meanwhile or after: making an
// image, reading a version. A failed attempt is forgotten, so a later caller may try again.
export class OncePerKey<T> {
  private readonly results = new Map<string, Promise<T>>();

  get(key: string, work: () => Promise<T>): Promise<T> {
    let pending = this.results.get(key);
    if (!pending) {
      pending = work();
      this.results.set(key, pending);
      pending.catch(() => this.results.delete(key));
    }
    return pending;
  }
}

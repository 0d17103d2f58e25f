/** A browser-like HTTP client for console tests: keeps cookies, reads the page's CSRF token. */
export class ConsoleClient {
  readonly #origin: string;
  readonly #cookies = new Map<string, string>();
  #csrf: string | undefined;
  readonly #headers: Record<string, string>;

  constructor(origin: string, headers: Record<string, string> = {}) {
    this.#origin = origin;
    this.#headers = headers;
  }

  get csrfToken(): string | undefined {
    return this.#csrf;
  }

  cookie(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.#send(path, { method: 'GET', headers });
  }

  /** Posts a form; `_csrf` is the page's token unless the caller passes its own (or null for none). */
  async post(
    path: string,
    fields: Record<string, string> = {},
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const form = new URLSearchParams(fields);
    const csrf = options.csrf === undefined ? this.#csrf : options.csrf;
    if (csrf !== null && csrf !== undefined) form.set('_csrf', csrf);
    return this.#send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      body: form.toString(),
    });
  }

  async #send(
    path: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<Response> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(this.#origin + path, {
      ...init,
      redirect: 'manual',
      headers: { ...this.#headers, ...(cookie === '' ? {} : { cookie }), ...init.headers },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/.test(header)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) {
      const text = await response.clone().text();
      const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
      if (token !== undefined) this.#csrf = token;
    }
    return response;
  }
}

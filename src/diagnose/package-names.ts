// Which package provides a Python module: import names and package names often differ (import jwt, install PyJWT).

export interface PythonPackageNames {
  /** The name to put under `pip:`. */
  readonly pip: string;
  /** The name to put under `apt:` when images are built from Debian. */
  readonly debian: string;
  /** False when the Debian name is derived from the module name rather than known. */
  readonly known: boolean;
}

// Import name -> [pip name, Debian package]. Only names users commonly get wrong, or that we have checked.
const KNOWN: Readonly<Record<string, readonly [string, string]>> = {
  jwt: ['PyJWT', 'python3-jwt'],
  yaml: ['PyYAML', 'python3-yaml'],
  PIL: ['Pillow', 'python3-pil'],
  cv2: ['opencv-python', 'python3-opencv'],
  sklearn: ['scikit-learn', 'python3-sklearn'],
  dotenv: ['python-dotenv', 'python3-dotenv'],
  psycopg2: ['psycopg2-binary', 'python3-psycopg2'],
  psycopg: ['psycopg[binary]', 'python3-psycopg'],
  bs4: ['beautifulsoup4', 'python3-bs4'],
  dateutil: ['python-dateutil', 'python3-dateutil'],
  jose: ['python-jose', 'python3-jose'],
  multipart: ['python-multipart', 'python3-multipart'],
  passlib: ['passlib', 'python3-passlib'],
  bcrypt: ['bcrypt', 'python3-bcrypt'],
  redis: ['redis', 'python3-redis'],
  sqlalchemy: ['SQLAlchemy', 'python3-sqlalchemy'],
  alembic: ['alembic', 'python3-alembic'],
  fastapi: ['fastapi', 'python3-fastapi'],
  uvicorn: ['uvicorn', 'python3-uvicorn'],
  starlette: ['starlette', 'python3-starlette'],
  openai: ['openai', 'python3-openai'],
  httpx: ['httpx', 'python3-httpx'],
  requests: ['requests', 'python3-requests'],
  pydantic: ['pydantic', 'python3-pydantic'],
  pydantic_settings: ['pydantic-settings', 'python3-pydantic-settings'],
  jinja2: ['Jinja2', 'python3-jinja2'],
  numpy: ['numpy', 'python3-numpy'],
  magic: ['python-magic', 'python3-magic'],
  Crypto: ['pycryptodome', 'python3-pycryptodome'],
  OpenSSL: ['pyOpenSSL', 'python3-openssl'],
};

/** The pip and Debian names for a top-level Python module. */
export function pythonPackageFor(module: string): PythonPackageNames {
  const known = KNOWN[module];
  if (known) return { pip: known[0], debian: known[1], known: true };
  return { pip: module, debian: `python3-${module.toLowerCase().replaceAll('_', '-')}`, known: false };
}

/** The pip name for a Debian python3-* package, so a remedy can offer pip when apt has no such package. */
export function pipNameForDebian(debian: string): string | undefined {
  for (const [pip, deb] of Object.values(KNOWN)) {
    if (deb === debian) return pip;
  }
  return debian.startsWith('python3-') ? debian.slice('python3-'.length) : undefined;
}

/** The Debian package for a pip name, so a remedy can offer apt when pip cannot provide it. */
export function debianNameForPip(pip: string): string {
  const wanted = pip.toLowerCase();
  for (const [name, deb] of Object.values(KNOWN)) {
    if (name.toLowerCase() === wanted) return deb;
  }
  return `python3-${wanted.replaceAll('_', '-')}`;
}

/**
 * Files that hold credentials by convention. They are never indexed, retrieved or sent to a model,
 * whatever their content; `.env.example` and friends included (safety wins: they often end up with
 * real values), and public halves such as `id_rsa.pub` too (harmless, but never useful context).
 */
const SECRET_BASENAMES = [
  /^\.env$/i,
  /^\.env\..+$/i,
  /^.+\.env$/i,
  /^id_(?:rsa|dsa|ecdsa|ed25519)(?:[._-].*)?$/i,
  /^\.(?:npmrc|yarnrc\.yml|pypirc|netrc|git-credentials|pgpass|htpasswd|dockercfg)$/i,
  /^_netrc$/i,
  /^credentials(?:[._-].*)?\.json$/i,
  /^client_secrets?(?:[._-].*)?\.json$/i,
  /^service[-_]?account.*\.json$/i,
  /^secrets?\.(?:ya?ml|json|toml|ini|env)$/i,
  /^terraform\.tfvars(?:\.json)?$/i,
  /\.(?:pem|key|p8|p12|pfx|jks|keystore|ppk|kdbx|tfstate|tfstate\.backup|asc|gpg|pgp|ovpn)$/i,
];

/** Path suffixes (folder + file) that hold credentials even with a generic file name. */
const SECRET_SUFFIXES = ['.aws/credentials', '.aws/config', '.docker/config.json', '.kube/config', '.ssh/config'];

/** True when `relPath` (either separator) names a file that conventionally holds secrets. */
export function isSecretFile(relPath: string): boolean {
  const path = relPath.replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (SECRET_BASENAMES.some((re) => re.test(base))) return true;
  const lower = path.toLowerCase();
  return SECRET_SUFFIXES.some((s) => lower === s || lower.endsWith(`/${s}`));
}

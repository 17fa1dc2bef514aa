import { describe, expect, it } from 'vitest';
import { isSecretFile } from '../../../src/core/safety/secretFiles';

describe('isSecretFile', () => {
  it.each([
    '.env', '.env.local', '.env.production', 'config/.env.example', 'prod.env',
    'certs/server.pem', 'server.key', 'keys/app.p12', 'app.pfx', 'release.keystore', 'release.jks',
    'id_rsa', 'home/.ssh/id_ed25519', 'id_rsa.pub', '.npmrc', 'packages/a/.npmrc', '.netrc', '.pypirc',
    '.git-credentials', 'credentials.json', 'gcp/credentials-prod.json', 'client_secret.json',
    'service-account-key.json', 'secrets.yaml', 'terraform.tfvars', 'infra/terraform.tfstate',
    '.aws/credentials', 'deploy/.docker/config.json', 'C:\\repo\\certs\\server.key',
  ])('treats %s as a secret file', (p) => {
    expect(isSecretFile(p)).toBe(true);
  });

  it.each([
    'src/env.ts', 'src/environment.ts', 'docs/keys.md', 'src/keyboard.ts', 'src/tokens.ts', 'README.md',
    'src/credentials.ts', 'package.json', 'tsconfig.json', 'src/secretsManager.ts', 'config/app.json',
    '.envrc.md', 'src/id_mapping.ts',
  ])('does not treat %s as a secret file', (p) => {
    expect(isSecretFile(p)).toBe(false);
  });
});

// Where the peer projects' fixtures are: ../shared/fixtures/peer beside the repository, as on every
// developer's machine and in CI (PEER_FIXTURES overrides).
import { fileURLToPath } from 'node:url';

export const PEER_DIR =
  process.env.PEER_FIXTURES ?? fileURLToPath(new URL('../../../shared/fixtures/peer', import.meta.url));

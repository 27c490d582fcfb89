// The peer projects' fixtures, copied into the repository (tests/fixtures/peer/README.md says where each
// group comes from, its licence and what it must get), so that a clone of the project alone tests.
import { fileURLToPath } from 'node:url';

export const PEER_DIR = fileURLToPath(new URL('../fixtures/peer', import.meta.url));

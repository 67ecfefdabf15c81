// The table of podguard's commands: one module each in this folder.

import { auditCommand } from './audit';
import { certsCommand } from './certs';
import type { Command } from './command';
import { exceptionsCommand } from './exceptions';
import { fixCommand } from './fix';
import { policiesCommand } from './policies';
import { scanCommand } from './scan';
import { serveCommand } from './serve';

export const COMMANDS: readonly Command[] = [scanCommand, fixCommand, auditCommand, serveCommand, certsCommand, policiesCommand, exceptionsCommand];

/** Entry point of dist/cli.js (see cli.ts). */
import { startCli } from './cli';

startCli();

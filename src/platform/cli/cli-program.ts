import { Injectable } from '@nestjs/common';
import { InjectCommander, type CommandRunner } from 'nest-commander';
import { ACTOR_HELP } from './actor.js';

type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

export const PROGRAM_NAME = 'governance';

export const PROGRAM_HELP = `
Stores: the ones configured for the server (DATA_DIR, EVENT_STORE, READ_MODEL_STORE, API_TOKENS...).
Like the server, the first use of an empty store loads the CCCS13 history (SEED=false: start empty),
except import, export, rebuild, verify and restore, which never load it (import appends an export's events
anew; restore copies an export into an empty store as it was: same instants, positions and hash chains).

Exit codes: 0 success; 1 refused or failed (invalid input, unknown framework, revision conflict,
a rule of the domain broken; one line "error: <reason>" on stderr, nothing appended); 2 usage
(unknown command or option, missing option).

${ACTOR_HELP}

Examples:
  governance state --framework cccs13 --at 2007-06-30
  governance diff --framework cccs13 --from 2005-06-30 --to 2007-06-30
  governance append --framework cccs13 --file extension.json --actor secretariat
  governance export > cccs13.jsonl && DATA_DIR=/tmp/copy governance import cccs13.jsonl
  governance export --out backup.jsonl && DATA_DIR=/tmp/restored governance restore backup.jsonl
`;

/** The root command: name, description and the help shared by every command. */
@Injectable()
export class CliProgram {
  constructor(@InjectCommander() program: CommanderCommand) {
    program
      .name(PROGRAM_NAME)
      .description('Governance history service: what was in force on a day, as known at an instant; record, import, export, rebuild.')
      .addHelpText('after', PROGRAM_HELP)
      .exitOverride((error) => {
        throw error;
      });
  }
}

/** @file A small, strict argument parser: unknown flags are usage errors, never ignored. */
import { usageError } from './cli-error';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Flags that take a value (`--to aegis` or `--to=aegis`); every other flag is a switch. */
export function parseArgs(argv: readonly string[], valueFlags: readonly string[], switches: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw usageError(`Unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (valueFlags.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw usageError(`--${name} needs a value`);
      if (flags.has(name)) throw usageError(`--${name} given twice`);
      flags.set(name, value);
    } else if (switches.includes(name) && eq < 0) {
      flags.set(name, true);
    } else {
      // Never echo what follows '=': it could be a passphrase typed in the wrong place.
      throw usageError(`Unknown option --${name}`);
    }
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * @file The three commands, each on one FILE or several merged (merge-inputs.ts). Each returns its exit code; output goes through CliIo. What is
 * printed never holds a secret unless the user asked for it (`inspect --secrets`, the URIs of
 * `convert --to google-qr`).
 */
import path from 'node:path';
import { AppError } from '../core/errors';
import { EXPORTER_IDS, type ExportAccount, type ExporterId, type ExportSkip } from '../formats/export/types';
import { parseArgs, stringFlag } from './args';
import { CliError, EXIT_OK, messageFor, presentCliError, usageError } from './cli-error';
import type { CliIo } from './io';
import { mergeInputs, type MergedInput, type SourcedInput } from './merge-inputs';
import { lazyPassphrase } from './passphrase';
import { readInput, readInputFile, type InputResult } from './read-input';
import { isDirectory, writeAllOrNothing, type PlannedFile } from './write-output';

/** EXPORTER_IDS are the exporter registry's keys: asked here without loading every exporter (convert loads the one it needs). */
function isExporterId(value: string): value is ExporterId {
  return (EXPORTER_IDS as readonly string[]).includes(value);
}

/** --key-file F and --no-password, for KeePass databases (formats/import/keepass.ts). */
async function keyFileOf(io: CliIo, args: ReturnType<typeof parseArgs>): Promise<{ keyFile?: Uint8Array; noPassword?: boolean }> {
  const name = stringFlag(args, 'key-file');
  const noPassword = args.flags.get('no-password') === true;
  if (noPassword && name === undefined) throw usageError('--no-password needs --key-file');
  if (name === undefined) return {};
  try {
    // A key file is small (KeePassXC's are 100 bytes to a few KiB); any file may serve as one.
    return { keyFile: await readInputFile(path.resolve(io.cwd, name)), noPassword };
  } catch {
    throw new CliError(`Cannot read ${name}: no such file, or not readable.`);
  }
}

async function loadOne(io: CliIo, args: ReturnType<typeof parseArgs>, file: string): Promise<SourcedInput> {
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(path.resolve(io.cwd, file));
  } catch {
    throw new CliError(`Cannot read ${file}: no such file, or not readable.`);
  }
  const passphrase = lazyPassphrase(io, {
    file: stringFlag(args, 'passphrase-file'),
    envName: 'OMAMORI_PASSPHRASE',
    flag: '--passphrase-file',
    prompt: `Passphrase for ${path.basename(file)}`,
    confirm: false,
  });
  return { file, result: await readInput(bytes, path.basename(file), { passphrase, ...(await keyFileOf(io, args)) }) };
}

/**
 * Every FILE, read in the order given and merged (merge-inputs.ts). With several, a failure
 * names the file it came from, and nothing is written.
 */
async function loadInputs(io: CliIo, args: ReturnType<typeof parseArgs>): Promise<{ inputs: SourcedInput[]; merged: MergedInput }> {
  const files = args.positionals;
  if (files.length === 0) throw usageError('Missing FILE');
  const inputs: SourcedInput[] = [];
  for (const file of files) {
    try {
      inputs.push(await loadOne(io, args, file));
    } catch (err) {
      if (files.length === 1) throw err;
      const { line, exitCode } = presentCliError(err);
      throw new CliError(line.startsWith(`Cannot read ${file}:`) ? line : `${file}: ${line}`, exitCode);
    }
  }
  return { inputs, merged: mergeInputs(inputs) };
}

/** Where several files were given, a problem line says which file it is in. */
function problemLabel(merged: MergedInput, several: boolean, index: number): string {
  const p = merged.result.problems[index];
  return several ? `${merged.problemFiles[index] ?? ''}: ${p?.label ?? ''}` : (p?.label ?? '');
}

function reportDuplicates(io: CliIo, merged: MergedInput, what: string): void {
  for (const d of merged.duplicates) io.stderr(`duplicate: ${d.label} in ${d.file} is the same account as ${d.sameAs.label} in ${d.sameAs.file}; ${what}\n`);
}

function problemsJson(result: InputResult, files?: readonly string[]): Record<string, string>[] {
  return result.problems.map((p, i) => ({
    ...(files === undefined ? {} : { file: files[i] ?? '' }),
    label: p.label,
    code: p.code,
    message: messageFor(p.code),
  }));
}

export async function inspectCommand(io: CliIo, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['passphrase-file', 'key-file'], ['secrets', 'no-password']);
  const secrets = args.flags.get('secrets') === true;
  const { inputs, merged } = await loadInputs(io, args);
  const { result } = merged;
  const several = inputs.length > 1;
  const accounts = result.accounts.map((a, i) => {
    const out: Record<string, unknown> = several ? { file: merged.accountFiles[i] ?? '' } : {};
    Object.assign(out, { type: a.type, issuer: a.issuer, name: a.name, algorithm: a.algorithm, digits: a.digits });
    if (a.type === 'hotp') out.counter = a.counter;
    else out.period = a.period;
    out.groups = a.groups;
    out.favourite = a.favourite;
    // Notes often hold recovery codes: as secret as the key itself.
    if (secrets) {
      out.secret = a.secretB32;
      if (a.pin !== '') out.pin = a.pin;
      out.notes = a.notes;
    } else {
      out.hasNotes = a.notes !== '';
    }
    return out;
  });
  const report: Record<string, unknown> = several
    ? {
        files: inputs.map((i) => ({ file: i.file, format: i.result.format, encrypted: i.result.encrypted, count: i.result.accounts.length })),
        count: accounts.length,
        accounts,
        problems: problemsJson(result, merged.problemFiles),
        duplicates: merged.duplicates,
      }
    : {
        file: path.basename(inputs[0]?.file ?? ''),
        format: result.format,
        encrypted: result.encrypted,
        count: accounts.length,
        accounts,
        problems: problemsJson(result),
      };
  if (result.transfer !== undefined) report.transferCodes = result.transfer;
  if (result.notAccounts !== undefined) report.notAccounts = result.notAccounts;
  if (secrets && result.qrTexts !== undefined) report.qrTexts = result.qrTexts;
  io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return EXIT_OK;
}

const SKIP_REASON: Record<ExportSkip['reason'], string> = {
  type: 'the target format has no such account type',
  period: 'the target format knows only 30-second codes',
  digits: 'the target format knows only 6- and 8-digit codes',
  invalid: 'the account is incomplete',
};

function shortPath(io: CliIo, target: string): string {
  const rel = path.relative(io.cwd, target);
  return rel === '' || rel.startsWith('..') ? target : rel;
}

/** What each target drops, so the user hears about it (export-side of docs/formats.md "Exporters"). */
const NOT_CARRIED: Record<ExporterId, readonly ('groups' | 'notes' | 'favourites' | 'PINs')[]> = {
  aegis: [],
  'aegis-encrypted': [],
  '2fas': ['notes', 'favourites'],
  otpauth: ['groups', 'notes', 'favourites', 'PINs'],
  omamori: [],
  'google-qr': ['groups', 'notes', 'favourites'],
  cxf: [],
  keepass: ['favourites'],
};

function lostFields(to: ExporterId, accounts: readonly ExportAccount[]): string[] {
  const present = {
    groups: accounts.some((a) => a.groups.length > 0),
    notes: accounts.some((a) => a.notes !== ''),
    favourites: accounts.some((a) => a.favourite),
    PINs: accounts.some((a) => a.pin !== ''),
  };
  return NOT_CARRIED[to].filter((f) => present[f]);
}

function perCodeOf(args: ReturnType<typeof parseArgs>): number | undefined {
  const raw = stringFlag(args, 'per-code');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1 || n > 100) throw usageError('--per-code must be a whole number from 1 to 100');
  return n;
}

/**
 * `--out dir/` or an existing folder: files inside it; anything else is a name prefix. A folder
 * named with a trailing slash is created when missing (`folder`), as `--out transfer/` promises.
 */
async function qrTargets(io: CliIo, out: string, count: number): Promise<{ targets: string[]; folder?: string }> {
  const abs = path.resolve(io.cwd, out);
  const named = out.endsWith('/') || out.endsWith(path.sep);
  const inDir = named || (await isDirectory(abs));
  const base = inDir ? path.join(abs, 'google-authenticator') : abs.replace(/\.png$/i, '');
  const targets = Array.from({ length: count }, (_, i) => `${base}-${i + 1}-of-${count}.png`);
  return named ? { targets, folder: abs } : { targets };
}

export async function convertCommand(io: CliIo, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['to', 'out', 'passphrase-file', 'out-passphrase-file', 'per-code', 'key-file'], ['force', 'no-password']);
  const to = stringFlag(args, 'to');
  const out = stringFlag(args, 'out');
  if (to === undefined) throw usageError(`Missing --to (one of ${EXPORTER_IDS.join(', ')})`);
  if (!isExporterId(to)) throw usageError(`Unknown --to ${to} (one of ${EXPORTER_IDS.join(', ')})`);
  if (out === undefined) throw usageError('Missing --out PATH');
  const perCode = perCodeOf(args);
  if (perCode !== undefined && to !== 'google-qr') throw usageError('--per-code is only for --to google-qr');
  const { inputs, merged } = await loadInputs(io, args);
  const { result } = merged;
  if (result.accounts.length === 0) throw new AppError('import/no-accounts');
  const exporter = (await import('../formats/export/registry')).exporterFor(to);
  const password = exporter.encrypted
    ? await lazyPassphrase(io, {
        file: stringFlag(args, 'out-passphrase-file'),
        envName: 'OMAMORI_OUT_PASSPHRASE',
        flag: '--out-passphrase-file',
        prompt: 'New passphrase for the output file',
        confirm: true,
      })()
    : undefined;
  const options: Parameters<typeof exporter.write>[1] = {};
  if (password !== undefined) options.password = password;
  if (perCode !== undefined) options.perCode = perCode;
  const written = await exporter.write(result.accounts as ExportAccount[], options);
  const count = result.accounts.length - written.skipped.length;
  if (count === 0) throw new CliError(`None of the ${result.accounts.length} accounts can be written as ${to}.`);
  const abs = path.resolve(io.cwd, out);
  let files: PlannedFile[];
  let folder: string | undefined;
  if (to === 'google-qr' && !/\.txt$/i.test(out)) {
    const uris = written.uris ?? [];
    const { targets, folder: toCreate } = await qrTargets(io, out, uris.length);
    folder = toCreate;
    const { default: QRCode } = await import('qrcode');
    files = await Promise.all(
      uris.map(async (uri, i) => ({
        target: targets[i] ?? '',
        bytes: new Uint8Array(await QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 })),
      })),
    );
  } else {
    files = [{ target: abs, bytes: written.file.bytes }];
  }
  await writeAllOrNothing(files, args.flags.get('force') === true, folder);
  if (to === 'google-qr') io.stdout((written.uris ?? []).map((u) => `${u}\n`).join(''));
  for (const s of written.skipped) io.stderr(`skipped ${s.label}: ${s.code === undefined ? SKIP_REASON[s.reason] : messageFor(s.code)}\n`);
  result.problems.forEach((p, i) => io.stderr(`not read from the input: ${problemLabel(merged, inputs.length > 1, i)}: ${messageFor(p.code)}\n`));
  reportDuplicates(io, merged, 'written once');
  const lost = lostFields(to, result.accounts);
  if (lost.length > 0) io.stderr(`note: ${to} files cannot hold ${lost.join(', ')}; they are not in the output\n`);
  const missing = result.transfer?.missing ?? [];
  if (missing.length > 0) {
    io.stderr(
      `note: the input has ${result.transfer?.scanned.length ?? 0} of ${result.transfer?.batchSize ?? 0} Google transfer codes; the accounts of code ${missing.map((i) => i + 1).join(', ')} are missing\n`,
    );
  }
  io.stderr(`Wrote ${count} account${count === 1 ? '' : 's'} to ${files.map((f) => shortPath(io, f.target)).join(', ')}\n`);
  return EXIT_OK;
}

export async function codesCommand(io: CliIo, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['passphrase-file', 'key-file'], ['no-password']);
  const { inputs, merged } = await loadInputs(io, args);
  const { result } = merged;
  // Code generation (otpauth, @noble/hashes) only for this command.
  const { generateCode, groupCode, totpState } = await import('../core/codes');
  const now = io.now();
  const rows = result.accounts.map((a) => {
    const title = a.issuer !== '' && a.name !== '' ? `${a.issuer} (${a.name})` : a.issuer || a.name;
    let code = '-';
    let when = a.type === 'hotp' ? `counter ${a.counter}, not advanced` : `${Math.ceil(totpState(a, now).remainingMs / 1000)} s left`;
    try {
      code = groupCode(generateCode(a, now), a.type);
    } catch (err) {
      when = `no code: ${messageFor(err instanceof AppError ? err.code : 'unknown')}`;
    }
    return { code, title, when };
  });
  const width = Math.max(0, ...rows.map((r) => r.code.length));
  for (const r of rows) io.stdout(`${r.code.padEnd(width)}  ${r.title}  (${r.when})\n`);
  if (result.accounts.some((a) => a.type === 'hotp')) {
    io.stderr('HOTP codes are shown for the stored counter; the file is not changed, so the same code shows again next time.\n');
  }
  result.problems.forEach((p, i) => io.stderr(`not read: ${problemLabel(merged, inputs.length > 1, i)}: ${messageFor(p.code)}\n`));
  reportDuplicates(io, merged, 'shown once');
  return EXIT_OK;
}

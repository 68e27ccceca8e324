/** Types of scripts/chromium.mjs (plain JavaScript, so that Node 20 runs it without a build). */
export interface FoundChromium {
  source: 'CHROMIUM_PATH' | 'system' | 'playwright';
  /** The browser binary. */
  file: string;
  /** For Playwright's launch options: undefined for Playwright's own build. */
  executablePath: string | undefined;
}
export interface InstallPlan {
  kind: 'apt' | 'apt-manual' | 'playwright';
  command: string;
  argv?: string[];
}
export function isExecutable(file: string): boolean;
export function findChromium(env?: NodeJS.ProcessEnv): FoundChromium | null;
export function runningAsRoot(): boolean;
export function chromiumArgs(): string[];
export function installPlan(): InstallPlan;

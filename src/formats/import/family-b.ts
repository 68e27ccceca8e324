/** @file Importers of family B (see registry.ts for the order they are tried in). */
import { protonImporter } from './proton';
import { stratumImporter } from './stratum';
import type { Importer } from './types';

export const importersB: Importer[] = [protonImporter, stratumImporter];

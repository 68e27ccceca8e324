/** @file Importers of family B (see registry.ts for the order they are tried in). */
import type { Importer } from './types';

export const importersB: Importer[] = [];

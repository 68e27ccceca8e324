/** @file Importers of family A (see registry.ts for the order they are tried in). */
import type { Importer } from './types';

export const importersA: Importer[] = [];

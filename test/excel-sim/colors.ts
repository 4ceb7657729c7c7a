/** Colours as Excel reports them: "#RRGGBB", upper case; HTML names and "#RGB" accepted on input. */
import { hostError } from './errors';

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  lime: '#00FF00',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  silver: '#C0C0C0',
  maroon: '#800000',
  navy: '#000080',
  teal: '#008080',
  olive: '#808000',
  aqua: '#00FFFF',
  cyan: '#00FFFF',
  fuchsia: '#FF00FF',
  magenta: '#FF00FF',
  pink: '#FFC0CB',
  lightgray: '#D3D3D3',
  lightgrey: '#D3D3D3',
  darkred: '#8B0000',
  darkgreen: '#006400',
  darkblue: '#00008B',
  lightblue: '#ADD8E6',
  lightgreen: '#90EE90',
  lightyellow: '#FFFFE0',
};

export function normalizeColor(input: unknown, location: string): string {
  if (typeof input !== 'string') throw hostError('InvalidArgument', location, `colour ${JSON.stringify(input)}`);
  const s = input.trim();
  const named = NAMED[s.toLowerCase()];
  if (named) return named;
  let m = /^#?([0-9a-fA-F]{6})$/.exec(s);
  if (m) return `#${m[1].toUpperCase()}`;
  m = /^#([0-9a-fA-F]{3})$/.exec(s);
  if (m)
    return `#${m[1]
      .split('')
      .map((ch) => ch + ch)
      .join('')
      .toUpperCase()}`;
  throw hostError(
    'InvalidArgument',
    location,
    `"${input}" is not a colour Excel understands (#RRGGBB or a colour name)`,
  );
}

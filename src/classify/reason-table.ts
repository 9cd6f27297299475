import { REASONS, REASON_NAMES, isHardBounce } from './reasons.js';

/** The reason -> kind -> meaning table of README, derived from the taxonomy so the two never drift. */
export function reasonTableMarkdown(): string {
  const rows = REASON_NAMES.map((name) => {
    const spec = REASONS[name];
    const hard =
      name === 'notaccept'
        ? 'yes, unless 4xx/temporary'
        : isHardBounce(name, 550, '5.0.0', '')
          ? 'yes'
          : 'no';
    return `| \`${name}\` | ${spec.kind} | ${hard} | ${spec.en} |`;
  });
  return ['| reason | kind | hardBounce | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

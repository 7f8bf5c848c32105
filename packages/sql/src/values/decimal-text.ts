/** A decimal's text without trailing fractional zeros (`1.50` → `1.5`, `2.000` → `2`, `-0.0` → `0`). */
export function trimmedDecimal(text: string): string {
  if (!text.includes('.')) return text === '-0' ? '0' : text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

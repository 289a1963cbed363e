// The SVG chart of generation time against spec count: codebook and openapi-typescript,
// medians with min-max bars. Plain SVG, no dependency.
export function chart(points) {
  const W = 640, H = 360, L = 60, R = 20, T = 30, B = 50;
  const xs = points.map((p) => p.specs);
  const ymax = Math.max(...points.flatMap((p) => [p.codebook.seconds.max, p.openapiTs.seconds.max])) * 1.1 || 1;
  const x = (n) => L + ((W - L - R) * (n - Math.min(...xs))) / Math.max(1, Math.max(...xs) - Math.min(...xs));
  const y = (s) => H - B - ((H - T - B) * s) / ymax;
  const series = (key, colour) => {
    const line = points.map((p) => `${x(p.specs).toFixed(1)},${y(p[key].seconds.median).toFixed(1)}`).join(" ");
    const bars = points.map((p) => `<line x1="${x(p.specs).toFixed(1)}" x2="${x(p.specs).toFixed(1)}" y1="${y(p[key].seconds.min).toFixed(1)}" y2="${y(p[key].seconds.max).toFixed(1)}" stroke="${colour}"/>`).join("");
    const dots = points.map((p) => `<circle cx="${x(p.specs).toFixed(1)}" cy="${y(p[key].seconds.median).toFixed(1)}" r="3" fill="${colour}"/>`).join("");
    return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${line}"/>${bars}${dots}`;
  };
  const ticks = 5;
  const yTicks = Array.from({ length: ticks + 1 }, (_, i) => (ymax * i) / ticks)
    .map((s) => `<line x1="${L}" x2="${W - R}" y1="${y(s).toFixed(1)}" y2="${y(s).toFixed(1)}" stroke="#ddd"/><text x="${L - 6}" y="${(y(s) + 4).toFixed(1)}" text-anchor="end">${s.toFixed(s < 10 ? 1 : 0)} s</text>`)
    .join("");
  const xTicks = xs.map((n) => `<text x="${x(n).toFixed(1)}" y="${H - B + 18}" text-anchor="middle">${n}</text>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<rect width="${W}" height="${H}" fill="white"/>
<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">Cold generation time against spec count (median, min–max)</text>
${yTicks}${xTicks}
<text x="${W / 2}" y="${H - 10}" text-anchor="middle">API specs (copies of SNAP QR CPM)</text>
${series("codebook", "#1f77b4")}${series("openapiTs", "#d62728")}
<rect x="${L + 10}" y="${T + 4}" width="12" height="12" fill="#1f77b4"/><text x="${L + 28}" y="${T + 14}">codebook generate (packages: types, validators, JS, .d.ts, docs)</text>
<rect x="${L + 10}" y="${T + 22}" width="12" height="12" fill="#d62728"/><text x="${L + 28}" y="${T + 32}">openapi-typescript (types only)</text>
</svg>
`;
}

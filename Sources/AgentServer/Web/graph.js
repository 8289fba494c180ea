// A graph of the last hour on a canvas: time runs left to right, now at the right edge. Lines are
// broken where the series has no point for a while (the agent was down), never drawn across.

/** The top of a graph's scale: `fixed` when given (100 for percentages), else the largest value
 * shown with a tenth of headroom, at least `least` (1 KiB/s for rates, as the terminal). */
export function scaleTop(lines, { fixed = null, least = 1024 } = {}) {
  if (fixed != null) return fixed;
  let top = 0;
  for (const line of lines) for (const [, v] of line.points) if (v > top) top = v;
  return Math.max(least, top * 1.1);
}

/** Draws `lines` ([{points: [[t, v]…], color: "--cpu", fill}]) ending at `now` over `span`
 * seconds; `label` is written at the top left (what a full height stands for). */
export function drawGraph(canvas, lines, { now, span, top, label = "", gap = 60 }) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const g = canvas.getContext("2d");
  const style = getComputedStyle(canvas);
  const colour = (name) => style.getPropertyValue(name).trim() || "#888";
  g.clearRect(0, 0, width, height);
  g.strokeStyle = colour("--grid");
  g.lineWidth = ratio;
  g.beginPath();
  for (const f of [0.25, 0.5, 0.75]) {
    const y = Math.round(height * f) + 0.5;
    g.moveTo(0, y);
    g.lineTo(width, y);
  }
  g.stroke();
  const x = (t) => ((t - (now - span)) / span) * width;
  const y = (v) => height - Math.min(1, Math.max(0, v / top)) * (height - 2 * ratio) - ratio;
  canvas.dataset.points = String(lines.reduce((n, line) => n + line.points.length, 0));
  for (const line of lines) {
    const runs = [];
    let run = [];
    for (const p of line.points) {
      if (p[0] < now - span - gap) continue;
      if (run.length && p[0] - run[run.length - 1][0] > gap) { runs.push(run); run = []; }
      run.push(p);
    }
    if (run.length) runs.push(run);
    const c = colour(line.color);
    for (const r of runs) {
      g.beginPath();
      r.forEach(([t, v], i) => (i ? g.lineTo(x(t), y(v)) : g.moveTo(x(t), y(v))));
      if (line.fill) {
        g.save();
        g.lineTo(x(r[r.length - 1][0]), height);
        g.lineTo(x(r[0][0]), height);
        g.closePath();
        g.globalAlpha = 0.25;
        g.fillStyle = c;
        g.fill();
        g.restore();
        g.beginPath();
        r.forEach(([t, v], i) => (i ? g.lineTo(x(t), y(v)) : g.moveTo(x(t), y(v))));
      }
      g.strokeStyle = c;
      g.lineWidth = 1.5 * ratio;
      g.lineJoin = "round";
      g.stroke();
    }
  }
  if (label) {
    g.font = `${11 * ratio}px ui-monospace, monospace`;
    g.fillStyle = colour("--muted");
    g.textBaseline = "top";
    g.fillText(label, 4 * ratio, 3 * ratio);
  }
}

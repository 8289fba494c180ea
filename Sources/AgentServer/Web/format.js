// Numbers as the terminal writes them (Rendering's Format): 1024-based sizes in at most four
// characters, percentages with one decimal below 10, uptime as `3d 04:12`.

const units = ["B", "K", "M", "G", "T", "P"];

function finite(v) { return typeof v === "number" && Number.isFinite(v); }

/** `512B`, `1.5K`, `23M`, `4.0G`. */
export function bytes(value) {
  if (!finite(value) || value < 0) return "-";
  let v = value, i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1024; i += 1; }
  if (i === 0) return Math.trunc(v) + "B";
  return (v < 10 ? fixed(v, 1) : String(Math.round(v))) + units[i];
}

/** A byte rate: `bytes(v) + "/s"`, `-` when unknown. */
export function rate(value) {
  return finite(value) ? bytes(value) + "/s" : "-";
}

/** `42%`, `3.5%` below 10, `-` when unknown. */
export function percent(value) {
  if (!finite(value)) return "-";
  return value < 9.95 ? fixed(value, 1) + "%" : Math.round(value) + "%";
}

/** A count: `12`, `1.2k`, `34k`, `1.2M`. */
export function count(value) {
  if (!finite(value) || value < 0) return "-";
  if (value < 1000) return String(Math.round(value));
  if (value < 1e6) return value < 10000 ? fixed(value / 1000, 1) + "k" : Math.round(value / 1000) + "k";
  return fixed(value / 1e6, 1) + "M";
}

/** Load averages: two decimals. */
export function load(value) {
  return finite(value) ? fixed(value, 2) : "-";
}

function pad(n) { return n < 10 ? "0" + n : String(n); }

/** `3d 04:12`, or `04:12:09` under a day. */
export function uptime(seconds) {
  if (!finite(seconds) || seconds < 0) return "-";
  const s = Math.trunc(seconds);
  const days = Math.trunc(s / 86400), hours = Math.trunc((s % 86400) / 3600), minutes = Math.trunc((s % 3600) / 60);
  if (days > 0) return `${days}d ${pad(hours)}:${pad(minutes)}`;
  return `${pad(hours)}:${pad(minutes)}:${pad(s % 60)}`;
}

/** How long ago: `45s`, `3m`, `2h05m`, `1d01h`, `10d`. */
export function age(seconds) {
  const s = Math.trunc(Math.max(0, finite(seconds) ? seconds : 0));
  if (s < 60) return s + "s";
  if (s < 3600) return Math.trunc(s / 60) + "m";
  if (s < 86400) return Math.trunc(s / 3600) + "h" + pad(Math.trunc((s % 3600) / 60)) + "m";
  if (s < 864000) return Math.trunc(s / 86400) + "d" + pad(Math.trunc((s % 86400) / 3600)) + "h";
  return Math.trunc(s / 86400) + "d";
}

/** The wall clock of `time` (seconds since the epoch), `HH:MM:SS` in the browser's zone. */
export function clock(time) {
  if (!finite(time)) return "-";
  const d = new Date(time * 1000);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Fixed point, rounding half away from zero as the terminal does. */
export function fixed(value, digits) {
  const scale = 10 ** digits;
  const scaled = Math.round(Math.abs(value) * scale);
  const whole = Math.trunc(scaled / scale);
  const fraction = String(scaled - whole * scale).padStart(digits, "0");
  const sign = value < 0 && scaled > 0 ? "-" : "";
  return digits === 0 ? sign + whole : `${sign}${whole}.${fraction}`;
}

// What the page knows about the host, and the pure functions that update it: from the stream's
// messages (`/api/system/ws`), from `/api/v1/snapshot` while the stream is down, and the last
// hour of each graph from `/api/v1/series`.

/** The span the graphs show, in seconds. */
export const span = 3600;

/** The graphs' series: each an array of [time, value], oldest first. */
export const graphNames = ["cpu", "memory", "diskRead", "diskWrite", "netRx", "netTx"];

export function emptyState() {
  const history = {};
  for (const name of graphNames) history[name] = [];
  return {
    host: "", bootTime: null, interval: 1, time: null,
    cpu: null, cores: [], load: null, memory: null, swap: null, rootDisk: null, net: null,
    disks: [], filesystems: [], interfaces: [], collectors: [],
    processes: [], containers: new Map(), alerts: [], history,
  };
}

/** Seconds since the epoch from an RFC 3339 time. */
export function seconds(text) {
  const t = Date.parse(text);
  return Number.isFinite(t) ? t / 1000 : null;
}

/** Adds a point to a graph's series, keeping time order and the last `span` seconds. */
export function addPoint(series, time, value, now = time) {
  if (time == null || !Number.isFinite(value)) return;
  const last = series[series.length - 1];
  if (last && time <= last[0]) {
    if (time === last[0]) last[1] = value;
    else insertPoint(series, time, value);
  } else {
    series.push([time, value]);
  }
  prune(series, now);
}

function insertPoint(series, time, value) {
  let i = series.length;
  while (i > 0 && series[i - 1][0] > time) i -= 1;
  if (i > 0 && series[i - 1][0] === time) series[i - 1][1] = value;
  else series.splice(i, 0, [time, value]);
}

export function prune(series, now) {
  let drop = 0;
  while (drop < series.length && series[drop][0] < now - span) drop += 1;
  if (drop > 0) series.splice(0, drop);
}

/** Points from `/api/v1/series?fields=mean` (summed over its series), placed where the series has
 * none of its own: the history before the stream began, or a gap while the link was down. */
export function mergeHistory(series, answer, scale = 1) {
  if (!answer || !Array.isArray(answer.series) || answer.series.length === 0) return;
  const sums = new Map();
  for (const s of answer.series) {
    s.points.forEach((p, i) => {
      const value = Array.isArray(p) ? p[3] : p;
      if (value == null) return;
      const t = answer.from + (i + 1) * answer.step;
      sums.set(t, (sums.get(t) ?? 0) + value * scale);
    });
  }
  for (const [t, v] of [...sums].sort((a, b) => a[0] - b[0])) {
    if (!covered(series, t, answer.step)) insertPoint(series, t, v);
  }
}

function covered(series, t, step) {
  return series.some(([time]) => Math.abs(time - t) < step / 2);
}

function sum(values) {
  const known = values.filter((v) => Number.isFinite(v));
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/** One message of the stream. Returns what changed: "figures", "alerts", "containers" or null. */
export function applyMessage(state, message) {
  const data = message?.data;
  if (!data || typeof data !== "object") return null;
  const time = seconds(data.time);
  switch (message.type) {
    case "system_metric":
      if (data.source !== "host") return applyContainerFigure(state, data);
      applyHostFigure(state, data, time);
      return "figures";
    case "host_details":
      if (typeof data.host === "string") state.host = data.host;
      if (time != null && Number.isFinite(data.uptime_seconds)) state.bootTime = time - data.uptime_seconds;
      if (Number.isFinite(data.interval_seconds) && data.interval_seconds > 0) state.interval = data.interval_seconds;
      state.disks = data.disks ?? [];
      state.filesystems = data.filesystems ?? [];
      state.interfaces = data.interfaces ?? [];
      state.collectors = data.collectors ?? [];
      addPoint(state.history.diskRead, time, sum(state.disks.map((d) => d.read_bytes_per_second)));
      addPoint(state.history.diskWrite, time, sum(state.disks.map((d) => d.written_bytes_per_second)));
      return "figures";
    case "processes":
      state.processes = data.processes ?? [];
      return "figures";
    case "container_status": {
      const c = state.containers.get(data.container) ?? { name: data.container };
      Object.assign(c, { status: data.status, health: data.health, exitCode: data.exit_code, image: data.image, time });
      if (data.status === "removed" && data.exit_code === 0) state.containers.delete(data.container);
      else state.containers.set(data.container, c);
      return "containers";
    }
    case "alert":
      return "alerts";
    default:
      return null;
  }
}

function applyHostFigure(state, data, time) {
  if (time != null && (state.time == null || time > state.time)) state.time = time;
  const meta = data.meta ?? {};
  switch (data.metric_type) {
    case "cpu":
      state.cpu = data.value;
      state.cores = Array.isArray(meta.cores) ? meta.cores : [];
      addPoint(state.history.cpu, time, data.value);
      break;
    case "memory":
      state.memory = { percent: data.value, used: meta.used_bytes, total: meta.total_bytes };
      addPoint(state.history.memory, time, data.value);
      break;
    case "swap":
      state.swap = { percent: data.value, used: meta.used_bytes, total: meta.total_bytes };
      break;
    case "disk":
      state.rootDisk = { percent: data.value, mountpoint: meta.mountpoint };
      break;
    case "load":
      state.load = [data.value, meta.load5, meta.load15];
      break;
    case "network_rx":
      state.net = { ...(state.net ?? {}), rx: data.value };
      addPoint(state.history.netRx, time, data.value);
      break;
    case "network_tx":
      state.net = { ...(state.net ?? {}), tx: data.value };
      addPoint(state.history.netTx, time, data.value);
      break;
  }
}

function applyContainerFigure(state, data) {
  const c = state.containers.get(data.source);
  if (!c) return null;
  if (data.metric_type === "cpu") c.cpu = data.value;
  if (data.metric_type === "memory") c.memory = data.value;
  return "containers";
}

/** The figures from `/api/v1/snapshot` (the document `vitals snapshot --json` prints). */
export function applySnapshot(state, snap) {
  if (!snap || !Array.isArray(snap.series)) return;
  state.host = snap.host ?? state.host;
  if (Number.isFinite(snap.interval_seconds) && snap.interval_seconds > 0) state.interval = snap.interval_seconds;
  const time = snap.time;
  const one = (name) => snap.series.find((s) => s.name === name && Object.keys(s.labels).length === 0)?.value;
  const all = (name) => snap.series.filter((s) => s.name === name);
  state.bootTime = one("node_boot_time_seconds") ?? state.bootTime;
  if (time == null || (state.time != null && time <= state.time)) return;
  state.time = time;
  const busy = one("vitals_cpu_utilization_ratio");
  if (busy != null) {
    state.cpu = busy * 100;
    addPoint(state.history.cpu, time, state.cpu);
  }
  state.cores = all("vitals_cpu_core_utilization_ratio")
    .sort((a, b) => Number(a.labels.cpu) - Number(b.labels.cpu))
    .map((s) => s.value * 100);
  const total = one("node_memory_MemTotal_bytes"), used = one("vitals_memory_used_bytes");
  if (total && used != null) {
    state.memory = { percent: (used / total) * 100, used, total };
    addPoint(state.history.memory, time, state.memory.percent);
  }
  const swapTotal = one("node_memory_SwapTotal_bytes") ?? 0, swapFree = one("node_memory_SwapFree_bytes") ?? 0;
  state.swap = { percent: swapTotal > 0 ? ((swapTotal - swapFree) / swapTotal) * 100 : 0, used: swapTotal - swapFree, total: swapTotal };
  const l1 = one("node_load1");
  if (l1 != null) state.load = [l1, one("node_load5"), one("node_load15")];
  const byDevice = (name) => new Map(all(name).map((s) => [s.labels.device, s.value]));
  const reads = byDevice("vitals_disk_read_bytes_per_second"), writes = byDevice("vitals_disk_written_bytes_per_second");
  const busyDisk = byDevice("vitals_disk_busy_ratio");
  const known = new Set(state.disks.map((d) => d.device));
  const devices = known.size ? [...known].filter((d) => reads.has(d)) : [...reads.keys()].filter((d) => !/\d$/.test(d) || /^nvme\d+n\d+$/.test(d));
  state.disks = devices.map((device) => ({
    device, read_bytes_per_second: reads.get(device), written_bytes_per_second: writes.get(device),
    busy_percent: busyDisk.has(device) ? busyDisk.get(device) * 100 : null,
  }));
  addPoint(state.history.diskRead, time, sum(state.disks.map((d) => d.read_bytes_per_second)));
  addPoint(state.history.diskWrite, time, sum(state.disks.map((d) => d.written_bytes_per_second)));
  const sizes = all("node_filesystem_size_bytes");
  const free = new Map(all("node_filesystem_free_bytes").map((s) => [s.labels.mountpoint, s.value]));
  const avail = new Map(all("node_filesystem_avail_bytes").map((s) => [s.labels.mountpoint, s.value]));
  state.filesystems = sizes.map((s) => {
    const mount = s.labels.mountpoint, usedBytes = Math.max(0, s.value - (free.get(mount) ?? 0));
    const denominator = usedBytes + (avail.get(mount) ?? 0);
    return { mountpoint: mount, device: s.labels.device, fstype: s.labels.fstype, used_bytes: usedBytes, size_bytes: s.value, used_percent: denominator ? (usedBytes / denominator) * 100 : 0 };
  });
  const rx = byDevice("vitals_network_receive_bytes_per_second"), tx = byDevice("vitals_network_transmit_bytes_per_second");
  const carried = byDevice("node_network_receive_bytes_total"), sent = byDevice("node_network_transmit_bytes_total");
  state.interfaces = [...rx.keys()].filter((d) => d !== "lo" && ((carried.get(d) ?? 0) > 0 || (sent.get(d) ?? 0) > 0))
    .map((device) => ({ device, rx_bytes_per_second: rx.get(device), tx_bytes_per_second: tx.get(device) }));
  state.net = { rx: sum(state.interfaces.map((i) => i.rx_bytes_per_second)) ?? 0, tx: sum(state.interfaces.map((i) => i.tx_bytes_per_second)) ?? 0 };
  addPoint(state.history.netRx, time, state.net.rx);
  addPoint(state.history.netTx, time, state.net.tx);
  if (Array.isArray(snap.processes)) {
    state.processes = snap.processes.map((p) => ({
      pid: p.pid, name: p.name, user: p.user, cpu_percent: p.cpu_percent, resident_bytes: p.resident_bytes,
      io_bytes_per_second: (p.io_read_bytes_per_second ?? 0) + (p.io_write_bytes_per_second ?? 0),
    }));
  }
  if (Array.isArray(snap.collectors)) {
    // The stream says `problem` itself; the snapshot has the error alone. A host without a container
    // runtime is normal (EngineError.absentRuntime's words), as in the terminal's status line.
    state.collectors = snap.collectors.map((c) => ({
      name: c.name, healthy: c.healthy, error: c.last_error,
      problem: c.last_error != null && !(c.name === "containers" && c.last_error.startsWith("no container runtime socket")),
    }));
  }
}

/** The firing alerts from `/api/v1/alerts` (Prometheus' shape), the most severe first. */
export function firingAlerts(answer) {
  const alerts = answer?.data?.alerts;
  if (!Array.isArray(alerts)) return [];
  const rank = { critical: 0, warning: 1, info: 2 };
  return alerts.filter((a) => a.state === "firing")
    .sort((a, b) => (rank[a.labels?.severity] ?? 3) - (rank[b.labels?.severity] ?? 3));
}

/** The processes in `order` ("cpu", "memory", "io"), heaviest first, at most `limit`: the stream
 * sends the ten heaviest by each order, so ten in any order are exact. */
export function heaviest(processes, order, limit = 10) {
  const key = { cpu: "cpu_percent", memory: "resident_bytes", io: "io_bytes_per_second" }[order] ?? "cpu_percent";
  return [...processes].sort((a, b) => (b[key] ?? -1) - (a[key] ?? -1) || a.pid - b.pid).slice(0, limit);
}

/** A container the terminal shows in the alert colour: exited non-zero, dead or unhealthy (a
 * crashed container the runtime removed stays an hour, as in the terminal). */
export function containerIsBad(c) {
  return ((c.status === "exited" || c.status === "removed") && c.exitCode !== 0) || c.status === "dead" || c.health === "unhealthy";
}

/** Containers to list: a removed one only if it crashed, and for an hour from its removal. */
export function listedContainers(containers, now) {
  return [...containers.values()]
    .filter((c) => c.status !== "removed" || (c.exitCode !== 0 && now - (c.time ?? now) < span))
    .sort((a, b) => Number(containerIsBad(b)) - Number(containerIsBad(a)) || a.name.localeCompare(b.name));
}

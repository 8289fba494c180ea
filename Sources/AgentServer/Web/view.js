// Puts the state on the page. Text from the host (process, container and device names) is set as
// text, never parsed as HTML.

import * as format from "./format.js";
import { drawGraph, scaleTop } from "./graph.js";
import { span, firingAlerts, heaviest, containerIsBad, listedContainers } from "./model.js";

const $ = (id) => document.getElementById(id);

function text(id, value) {
  const element = $(id);
  if (element.textContent !== value) element.textContent = value;
}

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = value;
  if (className) td.className = className;
  return td;
}

/** Replaces a table body's rows with one per item (`fill(row, item)`), or one saying `empty`. */
function rows(tableID, items, fill, empty) {
  const body = $(tableID).tBodies[0];
  const fresh = document.createElement("tbody");
  for (const item of items) fill(fresh.insertRow(), item);
  if (!items.length && empty) {
    const td = fresh.insertRow().insertCell();
    td.colSpan = $(tableID).tHead.rows[0].cells.length;
    td.className = "muted";
    td.textContent = empty;
  }
  body.replaceWith(fresh);
}

function meter(value) {
  const outer = document.createElement("span");
  outer.className = "meter";
  const inner = document.createElement("span");
  inner.style.width = `${Math.min(100, Math.max(0, value ?? 0))}%`;
  if (value >= 90) inner.className = "hot";
  outer.append(inner);
  return outer;
}

export function header(state, now) {
  text("host", state.host || "vitals");
  document.title = state.host ? `${state.host} · vitals` : "vitals";
  text("uptime", state.bootTime ? "up " + format.uptime(now - state.bootTime) : "");
  text("updated", state.time ? "at " + format.clock(state.time) : "");
}

export function link({ state, seconds, reason }) {
  const element = $("link");
  element.dataset.state = state;
  const why = reason ? ` (${reason})` : "";
  element.textContent = state === "live" ? "● live" : state === "connecting" ? "connecting…" : `reconnecting in ${seconds} s${why}`;
}

export function alerts(answer) {
  const firing = firingAlerts(answer);
  const banner = $("alerts");
  banner.hidden = firing.length === 0;
  banner.replaceChildren(...firing.map((a) => {
    const p = document.createElement("p");
    p.className = a.labels?.severity === "critical" ? "critical" : "warning";
    const name = document.createElement("strong");
    name.textContent = `${a.labels?.severity ?? "alert"}: ${a.labels?.alertname ?? "?"}`;
    const summary = a.annotations?.summary ?? a.annotations?.description ?? "";
    p.append(name, summary ? " " + summary : "", a.activeAt ? ` · since ${format.clock(Date.parse(a.activeAt) / 1000)}` : "");
    return p;
  }));
}

export function figures(state, order) {
  text("cpu-count", state.cores.length ? `${state.cores.length} cores` : "");
  text("cpu-total", format.percent(state.cpu));
  text("cpu-load", state.load ? `load ${state.load.map(format.load).join(" ")}` : "");
  const cores = $("cpu-cores");
  while (cores.children.length < state.cores.length) {
    const row = document.createElement("div");
    row.className = "meter-row";
    row.append(document.createElement("span"), meter(0), document.createElement("span"));
    cores.append(row);
  }
  while (cores.children.length > state.cores.length) cores.lastChild.remove();
  state.cores.forEach((busy, i) => {
    const [name, bar, value] = cores.children[i].children;
    name.textContent = String(i);
    bar.firstChild.style.width = `${Math.min(100, Math.max(0, busy ?? 0))}%`;
    bar.firstChild.className = busy >= 90 ? "hot" : "";
    value.textContent = format.percent(busy);
  });

  const m = state.memory;
  text("memory-used", m ? format.percent(m.percent) : "–");
  text("memory-detail", m ? `${format.bytes(m.used)} of ${format.bytes(m.total)}` : "");
  const s = state.swap;
  $("swap-bar").style.width = `${s && s.total ? Math.min(100, s.percent) : 0}%`;
  text("swap-detail", s && s.total ? `${format.bytes(s.used)} of ${format.bytes(s.total)}` : "none");

  const sum = (list, key) => list.reduce((a, d) => a + (d[key] ?? 0), 0);
  text("disk-read", format.rate(sum(state.disks, "read_bytes_per_second")));
  text("disk-write", format.rate(sum(state.disks, "written_bytes_per_second")));
  rows("disk-table", state.disks, (row, d) => {
    cell(row, d.device);
    cell(row, format.rate(d.read_bytes_per_second), "num");
    cell(row, format.rate(d.written_bytes_per_second), "num");
    cell(row, format.percent(d.busy_percent), "num");
  }, state.time == null ? "waiting for the first tick" : "no disk has done I/O");
  const filesystems = $("filesystems");
  filesystems.replaceChildren(...state.filesystems.map((f) => {
    const row = document.createElement("div");
    row.className = "meter-row fs";
    const name = document.createElement("span");
    name.textContent = f.mountpoint;
    name.title = `${f.device} (${f.fstype})`;
    const detail = document.createElement("span");
    detail.textContent = `${format.bytes(f.used_bytes)}/${format.bytes(f.size_bytes)} ${format.percent(f.used_percent)}`;
    row.append(name, meter(f.used_percent), detail);
    return row;
  }));

  text("net-rx", format.rate(state.net?.rx));
  text("net-tx", format.rate(state.net?.tx));
  rows("net-table", state.interfaces, (row, i) => {
    cell(row, i.device);
    cell(row, format.rate(i.rx_bytes_per_second), "num");
    cell(row, format.rate(i.tx_bytes_per_second), "num");
  }, state.time == null ? "waiting for the first tick" : "no interface has carried a byte");

  text("process-order", `heaviest by ${order === "io" ? "I/O" : order}`);
  rows("process-table", heaviest(state.processes, order), (row, p) => {
    cell(row, String(p.pid), "num");
    cell(row, p.name, "name");
    cell(row, p.user ?? "");
    cell(row, format.percent(p.cpu_percent), "num");
    cell(row, format.bytes(p.resident_bytes), "num");
    cell(row, format.rate(p.io_bytes_per_second), "num");
  }, state.time == null ? "waiting for the first tick" : "no process list");

  const unhealthy = state.collectors.filter((c) => c.problem);
  text("collector-summary", state.collectors.length === 0 ? "" : unhealthy.length === 0
    ? `${state.collectors.length} collectors, none failing`
    : `${unhealthy.length} of ${state.collectors.length} collectors failing`);
  $("collector-problems").replaceChildren(...unhealthy.map((c) => {
    const li = document.createElement("li");
    li.className = c.healthy ? "warning" : "critical";  // failing, or failing for long
    li.textContent = `${c.name}: ${c.error ?? "failing"}`;
    return li;
  }));
}

export function containers(state, now) {
  const list = listedContainers(state.containers, now);
  $("containers").hidden = list.length === 0;
  text("container-count", list.length ? `${list.length}` : "");
  rows("container-table", list, (row, c) => {
    if (containerIsBad(c)) row.className = "bad";
    cell(row, c.name, "name");
    const state = c.status === "exited" || c.status === "removed" ? `${c.status} (${c.exitCode})` : c.status;
    cell(row, c.health ? `${state}, ${c.health}` : state);
    cell(row, format.percent(c.cpu), "num");
    cell(row, format.percent(c.memory), "num");
    cell(row, c.image ?? "", "name");
  });
}

export function graphs(state) {
  const now = state.time ?? Date.now() / 1000;
  const h = state.history;
  const gap = Math.max(60, state.interval * 5);
  drawGraph($("cpu-graph"), [{ points: h.cpu, color: "--cpu", fill: true }], { now, span, top: 100, label: "busy %, 1 h", gap });
  drawGraph($("memory-graph"), [{ points: h.memory, color: "--memory", fill: true }], { now, span, top: 100, label: "used %, 1 h", gap });
  const disk = [{ points: h.diskRead, color: "--read" }, { points: h.diskWrite, color: "--write" }];
  const diskTop = scaleTop(disk);
  drawGraph($("disk-graph"), disk, { now, span, top: diskTop, label: `top ${format.rate(diskTop)}`, gap });
  const net = [{ points: h.netRx, color: "--rx" }, { points: h.netTx, color: "--tx" }];
  const netTop = scaleTop(net);
  drawGraph($("net-graph"), net, { now, span, top: netTop, label: `top ${format.rate(netTop)}`, gap });
}

export function problem(message) {
  const p = $("problem");
  p.hidden = !message;
  p.textContent = message ?? "";
}

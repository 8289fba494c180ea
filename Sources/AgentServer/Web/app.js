// The page: the snapshot and the last hour first, then the stream; the key when the agent asks.

import { Link, KeyRefused } from "./link.js";
import { emptyState, applyMessage, applySnapshot, mergeHistory, span } from "./model.js";
import * as view from "./view.js";

const channels = ["system", "containers", "alerts", "processes", "details"];
const state = emptyState();
let order = "cpu";
let alertAnswer = null;
let drawn = false;

let historyAsked = false;

const link = new Link({
  onMessage(message) {
    const changed = applyMessage(state, message);
    if (message.type === "host_details") {
      link.silence = Math.max(10, 5 * state.interval);
      askHistoryOnce();
    }
    if (changed === "alerts") refreshAlerts();
    if (message.type === "error") view.problem(`the agent: ${message.data?.reason ?? "error"}`);
    if (changed) schedule();
  },
  onState(status) { view.link(status); },
  onPoll() { poll(); },
  onReconnected(since) { fillHistory(since); refreshAlerts(); },
}, channels);

/** One render per animation frame, however many messages a tick brings. */
function schedule() {
  if (drawn) return;
  drawn = true;
  requestAnimationFrame(() => {
    drawn = false;
    render();
  });
}

function render() {
  const now = Date.now() / 1000;
  view.header(state, now);
  view.figures(state, order);
  view.containers(state, now);
  view.graphs(state);
}

async function refreshAlerts() {
  try {
    alertAnswer = await link.fetchJSON("api/v1/alerts");
    view.alerts(alertAnswer);
  } catch (error) {
    if (error instanceof KeyRefused) askForKey(true);
  }
}

/** The last hour, once the first figures say which disks there are. */
function askHistoryOnce() {
  if (historyAsked) return;
  historyAsked = true;
  fillHistory(Date.now() / 1000 - span);
}

async function poll() {
  try {
    applySnapshot(state, await link.fetchJSON("api/v1/snapshot"));
    askHistoryOnce();
    view.problem(null);
    schedule();
    refreshAlerts();
  } catch (error) {
    if (error instanceof KeyRefused) askForKey(true);
    else view.problem(`cannot reach the agent: ${error.message}`);
  }
}

/** The graphs' series over [from, now]: the whole hour on load, the gap after a reconnection. */
async function fillHistory(from) {
  const now = Date.now() / 1000;
  const start = Math.max(from, now - span);
  const points = Math.min(720, Math.max(2, Math.round((now - start) / Math.max(1, state.interval))));
  const ask = (name, match = "") =>
    link.fetchJSON(`api/v1/series?name=${name}&from=${start}&to=${now}&points=${points}&fields=mean${match ? "&match=" + encodeURIComponent(match) : ""}`)
      .catch(() => null);
  const disks = state.disks.map((d) => d.device);
  const diskMatch = (devices) => devices.length === 1 ? `device="${devices[0]}"` : "";
  const [cpu, memory, rx, tx, read, write] = await Promise.all([
    ask("vitals_cpu_utilization_ratio"), ask("vitals_memory_used_ratio"),
    ask("vitals_network_receive_bytes_per_second", 'device!="lo"'), ask("vitals_network_transmit_bytes_per_second", 'device!="lo"'),
    ask("vitals_disk_read_bytes_per_second", diskMatch(disks)), ask("vitals_disk_written_bytes_per_second", diskMatch(disks)),
  ]);
  const onlyDisks = (answer) => answer && disks.length > 1
    ? { ...answer, series: answer.series.filter((s) => disks.includes(s.labels.device)) } : answer;
  mergeHistory(state.history.cpu, cpu, 100);
  mergeHistory(state.history.memory, memory, 100);
  mergeHistory(state.history.netRx, rx);
  mergeHistory(state.history.netTx, tx);
  mergeHistory(state.history.diskRead, onlyDisks(read));
  mergeHistory(state.history.diskWrite, onlyDisks(write));
  schedule();
}

function askForKey(refused) {
  const form = document.getElementById("key-form");
  const hadKey = Boolean(link.key);
  form.hidden = false;
  document.getElementById("panes").hidden = true;
  document.getElementById("key-problem").textContent = refused && hadKey ? "Wrong key: the agent refused it." : "";
  document.getElementById("key").focus();
}

async function begin() {
  try {
    alertAnswer = await link.fetchJSON("api/v1/alerts");
  } catch (error) {
    if (error instanceof KeyRefused) return askForKey(true);
    view.problem(`cannot reach the agent: ${error.message}; trying again in 5 s`);
    setTimeout(begin, 5000);
    return;
  }
  view.problem(null);
  document.getElementById("key-form").hidden = true;
  document.getElementById("panes").hidden = false;
  view.alerts(alertAnswer);
  render();
  link.start(state.interval);
}

document.getElementById("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  link.key = document.getElementById("key").value.trim();
  begin();
});

for (const button of document.querySelectorAll("#process-table button[data-order]")) {
  button.addEventListener("click", () => {
    order = button.dataset.order;
    for (const b of document.querySelectorAll("#process-table button[data-order]")) b.setAttribute("aria-pressed", String(b === button));
    render();
  });
}

addEventListener("resize", schedule);
setInterval(() => view.header(state, Date.now() / 1000), 1000);
begin();

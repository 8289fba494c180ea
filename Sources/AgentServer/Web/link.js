// The page's link to the agent: its API key, JSON fetches, and the stream with its reconnection.
// When the stream drops, it is tried again after 2, 5 and 10 s, then every 30 s; meanwhile the
// page polls the snapshot every 5 s so its figures stay fresh.

const keyName = "vitals.api_key";

/** Seconds to wait before reconnection attempt `attempt` (0 for the first). */
export function reconnectDelay(attempt) {
  const delays = [2, 5, 10];
  return attempt < delays.length ? delays[attempt] : 30;
}

export const pollSeconds = 5;

/** The agent refused the key (or asked for one). */
export class KeyRefused extends Error {}

export class Link {
  /** `handlers`: onMessage(message), onState({state, seconds, reason}), onPoll(), onReconnected(downSince). */
  constructor(handlers, channels) {
    this.handlers = handlers;
    this.channels = channels;
    this.attempt = 0;
    this.socket = null;
    this.downSince = null;
    this.lastMessage = 0;
    this.silence = 10;
    this.timers = [];
  }

  get key() { return sessionStorage.getItem(keyName); }
  set key(value) {
    if (value) sessionStorage.setItem(keyName, value);
    else sessionStorage.removeItem(keyName);
  }

  /** GET `path` (relative to the page) as JSON, with the key when there is one. */
  async fetchJSON(path) {
    const headers = { Accept: "application/json" };
    if (this.key) headers.Authorization = "Bearer " + this.key;
    const response = await fetch(path, { headers, cache: "no-store" });
    if (response.status === 401) throw new KeyRefused("the agent refused the key");
    if (!response.ok) {
      let reason = response.statusText;
      try { reason = (await response.json()).error ?? reason; } catch { /* not JSON */ }
      throw new Error(`${path}: ${response.status} ${reason}`);
    }
    return response.json();
  }

  streamURL() {
    const url = new URL("api/system/ws", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("channels", this.channels.join(","));
    if (this.key) url.searchParams.set("api_key", this.key);
    return url.href;
  }

  /** Opens the stream; `interval` (seconds between ticks) sets how long a silence means a dead link. */
  start(interval) {
    if (this.started) return;
    this.started = true;
    this.silence = Math.max(10, 5 * interval);
    this.open();
    this.timers.push(setInterval(() => this.watch(), 1000));
  }

  open() {
    this.state("connecting");
    let socket;
    try {
      socket = new WebSocket(this.streamURL());
    } catch (error) {
      this.dropped(String(error));
      return;
    }
    this.socket = socket;
    let reason = "";
    // A proxy that takes the upgrade and never answers: given up after 10 s, as a dropped link.
    setTimeout(() => {
      if (this.socket === socket && this.current !== "live") {
        this.socket = null;
        socket.close();
        this.dropped("no answer to the connection in 10 s");
      }
    }, 10000);
    socket.onmessage = (event) => {
      this.lastMessage = Date.now();
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (message.type === "error" && message.data?.reason) reason = message.data.reason;
      if (this.downSince != null || this.attempt > 0 || this.current !== "live") {
        const since = this.downSince;
        this.downSince = null;
        this.attempt = 0;
        this.state("live");
        if (since != null) this.handlers.onReconnected(since);
      }
      this.handlers.onMessage(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.dropped(event.reason || reason);
    };
  }

  /** The stream is down: count down to the next attempt, polling meanwhile. */
  dropped(reason) {
    if (this.downSince == null) this.downSince = Date.now() / 1000;
    let left = reconnectDelay(this.attempt);
    this.attempt += 1;
    this.reason = reason;
    this.state("reconnecting", left);
    clearInterval(this.countdown);
    this.countdown = setInterval(() => {
      left -= 1;
      if (left > 0) {
        this.state("reconnecting", left);
      } else {
        clearInterval(this.countdown);
        this.open();
      }
    }, 1000);
    this.poll();
  }

  poll() {
    clearTimeout(this.polling);
    if (this.socket && this.current === "live") return;
    this.handlers.onPoll();
    this.polling = setTimeout(() => this.poll(), pollSeconds * 1000);
  }

  /** A stream that says nothing for `silence` seconds is dead (a half-open connection): closed. */
  watch() {
    if (this.socket && this.current === "live" && Date.now() - this.lastMessage > this.silence * 1000) {
      const socket = this.socket;
      this.socket = null;
      socket.close();
      this.dropped(`no message for ${this.silence} s`);
    }
  }

  state(state, seconds = null) {
    this.current = state;
    this.handlers.onState({ state, seconds, reason: this.reason });
  }
}

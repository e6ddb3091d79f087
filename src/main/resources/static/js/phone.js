// The staff web phone: drives /api/sim/calls and shows what the caller hears.
(function () {
  "use strict";
  const script = document.getElementById("phone-script");
  const csrfToken = script.dataset.csrfToken;
  const csrfHeader = script.dataset.csrfHeader;
  const form = document.getElementById("dial-form");
  const hangup = document.getElementById("hangup");
  const silence = document.getElementById("silence");
  const keys = Array.from(document.querySelectorAll(".caseline-key"));
  const transcript = document.getElementById("transcript");
  const path = document.getElementById("path");
  const state = document.getElementById("call-state");
  const speak = document.getElementById("speak");
  let callId = null;
  // Keys go to the server one at a time, in the order pressed, however fast they are pressed.
  let queue = Promise.resolve();
  let pending = 0;

  function send(url, body, method) {
    pending++;
    state.dataset.busy = "true";
    queue = queue.then(function () {
      return post(url, body, method).then(show).catch(fail);
    }).finally(function () {
      pending--;
      state.dataset.busy = pending > 0 ? "true" : "false";
    });
  }

  function post(url, body, method) {
    const headers = { "Content-Type": "application/json" };
    headers[csrfHeader] = csrfToken;
    return fetch(url, { method: method || "POST", headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin" }).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) { throw new Error(json.message || r.status); }
        return json;
      });
    });
  }

  function line(list, text, className) {
    const item = document.createElement("li");
    item.textContent = text;
    if (className) { item.className = className; }
    list.appendChild(item);
  }

  function show(turn) {
    turn.prompts.forEach(function (p) {
      line(transcript, p.text, "caseline-prompt");
      if (speak.checked && window.speechSynthesis) {
        const u = new SpeechSynthesisUtterance(p.text);
        u.lang = p.language === "es" ? "es-US" : "en-US";
        window.speechSynthesis.speak(u);
      }
    });
    if (turn.node) { line(path, turn.flow + ": " + turn.node); }
    const live = turn.state === "IN_PROGRESS";
    const label = { IN_PROGRESS: script.dataset.stateProgress, TRANSFERRED: script.dataset.stateTransferred,
      CALLBACK_REQUESTED: script.dataset.stateCallback, ENDED: script.dataset.stateEnded }[turn.state];
    state.textContent = label + (turn.transferQueue ? " (" + turn.transferQueue + ")" : "");
    keys.forEach(function (k) { k.disabled = !live; });
    silence.disabled = !live;
    hangup.disabled = !live;
    callId = live ? turn.callId : null;
  }

  function fail(error) {
    state.textContent = script.dataset.error + " " + error.message;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
    transcript.textContent = "";
    path.textContent = "";
    send("/api/sim/calls", { line: document.getElementById("line").value });
  });
  keys.forEach(function (button) {
    button.addEventListener("click", function () {
      if (!callId) { return; }
      if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
      line(transcript, script.dataset.pressed + " " + button.dataset.key, "caseline-key-pressed");
      const id = callId;
      send("/api/sim/calls/" + encodeURIComponent(id) + "/keys", { keys: button.dataset.key });
    });
  });
  silence.addEventListener("click", function () {
    if (callId) { send("/api/sim/calls/" + encodeURIComponent(callId) + "/silence"); }
  });
  hangup.addEventListener("click", function () {
    if (callId) { send("/api/sim/calls/" + encodeURIComponent(callId), null, "DELETE"); }
  });
})();

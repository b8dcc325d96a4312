// The operator page's login: posts the key once; the server answers with an HttpOnly session cookie.
"use strict";

const $ = (id) => document.getElementById(id);

async function logIn(key) {
  const error = $("login-error");
  error.hidden = true;
  $("login").disabled = true;
  try {
    const response = await fetch("/operator/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key }),
    });
    if (response.ok) {
      location.replace("/operator");
      return;
    }
    error.textContent = response.status === 429 ? "尝试次数过多，请稍后再试。"
      : response.status === 403 ? "该密钥不能登录工作台。"
      : "密钥不正确。";
    error.hidden = false;
  } catch {
    error.textContent = "无法连接服务器，请稍后再试。";
    error.hidden = false;
  } finally {
    $("login").disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("key").value.trim();
    if (key) logIn(key);
  });
  // The login URL the server logs carries the key after '#': a fragment never reaches a server, a proxy or their logs.
  const match = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (match) {
    history.replaceState(null, "", location.pathname);
    logIn(decodeURIComponent(match[1]));
  }
});

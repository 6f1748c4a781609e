// Progressive enhancement only: every page works without this file.
// Table filter boxes narrow the rows as the person types; without JavaScript the same box
// submits a GET form that the server filters.
document.addEventListener("DOMContentLoaded", () => {
  // The Region switcher goes as soon as a Region is chosen; without JavaScript, its Go button.
  for (const select of document.querySelectorAll("select[data-submit-on-change]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }

  // An audit of all Regions or all accounts still running: the bar and the counts follow the
  // sweep in place, read from the same page once a second, and the page loads the result when
  // the sweep is done. Without JavaScript the page refreshes itself (a meta refresh in noscript).
  const sweep = document.querySelector("[data-sweep-progress]");
  if (sweep) {
    const follow = async () => {
      try {
        const response = await fetch(location.href, { headers: { "Accept": "text/html" } });
        const next = new DOMParser().parseFromString(await response.text(), "text/html");
        const progress = next.querySelector("[data-sweep-progress]");
        if (!progress) {
          location.reload();
          return;
        }
        sweep.querySelector("progress").replaceWith(progress.querySelector("progress"));
        sweep.querySelector(".sweep-counts").textContent = progress.querySelector(".sweep-counts").textContent;
      } catch (e) {
        // A failed poll waits for the next one.
      }
      setTimeout(follow, 1000);
    };
    setTimeout(follow, 1000);
  }

  for (const input of document.querySelectorAll("input[data-filter-table]")) {
    const table = document.getElementById(input.dataset.filterTable);
    if (!table) continue;
    const status = document.getElementById(input.dataset.filterTable + "-count");
    input.addEventListener("input", () => {
      const needle = input.value.trim().toLowerCase();
      let shown = 0;
      for (const row of table.tBodies[0].rows) {
        const match = needle === "" || row.textContent.toLowerCase().includes(needle);
        row.hidden = !match;
        if (match) shown++;
      }
      if (!status) return;
      status.textContent = shown + (shown === 1 ? " match" : " matches");
      // A list of several pages has only this page's rows here; the server searches them all.
      const section = table.closest("section");
      if (needle !== "" && section && section.querySelector(".pager a[rel]")) {
        status.textContent += " on this page; press Enter to search every page";
      }
    });
  }

  // A JSON box says as the person types whether the text parses, and where it goes wrong, by
  // line and column as an editor counts them; the server checks again on Next.
  for (const box of document.querySelectorAll("textarea[data-json-check]")) {
    const out = document.getElementById(box.dataset.jsonCheck);
    if (!out) continue;
    const check = () => {
      const text = box.value;
      if (text.trim() === "") {
        out.textContent = "";
        out.className = "json-check";
        return;
      }
      try {
        JSON.parse(text);
        out.textContent = "Valid JSON.";
        out.className = "json-check json-ok";
      } catch (e) {
        const message = String(e.message).replace(/^JSON\.parse: /, "");
        const at = /position (\d+)/.exec(message);
        const offset = at ? Number(at[1]) : text.length;
        const before = text.slice(0, offset);
        const line = before.split("\n").length;
        const column = offset - before.lastIndexOf("\n");
        const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/ at line \d+ column \d+.*$/, "");
        out.textContent = "Line " + line + ", column " + column + ": " + reason + ".";
        out.className = "json-check json-bad";
      }
    };
    box.addEventListener("input", check);
    check();
  }
});

// Show as code: each block's Copy button, hidden without JavaScript (the text is there to
// select), puts the block's text on the clipboard and says so in the block's status.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copy + "-status");
    if (!source || !status) continue;
    button.hidden = false;
    let timer;
    button.addEventListener("click", async () => {
      clearTimeout(timer);
      try {
        await navigator.clipboard.writeText(source.textContent);
        status.textContent = "Copied";
      } catch {
        status.textContent = "Could not copy; select the text instead.";
      }
      timer = setTimeout(() => { status.textContent = ""; }, 5000);
    });
  }
});

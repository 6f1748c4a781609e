// Progressive enhancement only: every page works without this file.
// Table filter boxes narrow the rows as the person types; without JavaScript the same box
// submits a GET form that the server filters.
document.addEventListener("DOMContentLoaded", () => {
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
      if (status) status.textContent = shown + (shown === 1 ? " match" : " matches");
    });
  }
});

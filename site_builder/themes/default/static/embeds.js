// Embeds load on click. A facade shows the provider, the title and a link to the
// original; the player's iframe waits, inert, in the facade's <template>, so the page
// asks the provider for nothing until the reader clicks. Without this script (or
// offline) the link still leads to the original.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a.embed-open") : null;
  const embed = link && link.closest(".embed");
  const template = embed && embed.querySelector("template");
  const frame = template && template.content.querySelector("iframe");
  if (!frame) return;
  event.preventDefault();
  const player = frame.cloneNode(true);
  embed.classList.add("embed-playing");
  link.replaceWith(player);
  player.focus();
});

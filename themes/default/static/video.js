// Click-to-load videos: the page requests nothing from the video host until
// the reader clicks; then the box's link is replaced by the player. Without
// this script (or in the kiosk build) the link opens the video's own page.
document.addEventListener('click', function (e) {
  var a = e.target.closest ? e.target.closest('.video-link') : null;
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  var box = a.parentElement, src = box.getAttribute('data-embed');
  if (!src) return;
  e.preventDefault();
  var f = document.createElement('iframe');
  f.src = src;
  f.title = box.getAttribute('data-title') || a.textContent;
  f.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
  f.allowFullscreen = true;
  box.replaceChild(f, a);
});

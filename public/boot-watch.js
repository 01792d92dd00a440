// Watches the Labbook start. A plain script, loaded before the app, so it runs even when the
// app's own code is damaged or missing: if a script of the site fails to load or to parse before
// the app has mounted, the page would stay blank on every reload, so it goes to the recovery page
// instead (which says the student's work is safe and offers to retry). Once the app has mounted
// it steps aside: later errors are the app's to report.
(function () {
  'use strict';
  var gone = false;
  function mounted() {
    var app = document.getElementById('app');
    return app !== null && app.childElementCount > 0;
  }
  function ours(url) {
    return typeof url === 'string' && url.indexOf(location.origin + '/') === 0;
  }
  function failed(event) {
    var target = event.target;
    if (target && (target.tagName === 'SCRIPT' || target.tagName === 'LINK')) {
      return ours(target.src || target.href);
    }
    return event instanceof ErrorEvent && ours(event.filename);
  }
  function onError(event) {
    if (gone || mounted() || !failed(event)) return;
    gone = true;
    window.removeEventListener('error', onError, true);
    location.replace(new URL('recovery.html', document.baseURI).href + location.hash);
  }
  window.addEventListener('error', onError, true);
})();

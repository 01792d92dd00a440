// The recovery page's one action: ask the service worker to check its offline copy and fetch the
// damaged files again, then open the Labbook. A plain script (no framework, no inline code), so
// it works under the page's Content-Security-Policy and whatever else of the site is damaged.
(function () {
  'use strict';
  var button = document.getElementById('retry');
  var status = document.getElementById('status');
  // Back where the student was: the hash is the Labbook's route.
  var home = new URL('./', document.baseURI).href + location.hash;

  function repair() {
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!worker) return Promise.resolve(null);
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      var timer = setTimeout(function () {
        resolve(null);
      }, 60000);
      channel.port1.onmessage = function (event) {
        clearTimeout(timer);
        resolve(event.data);
      };
      worker.postMessage({ type: 'REPAIR_PRECACHE' }, [channel.port2]);
    });
  }

  button.addEventListener('click', function () {
    button.disabled = true;
    status.textContent = 'Checking the offline copy…';
    repair().then(function (report) {
      if (report && report.unrepaired.length > 0) {
        status.textContent =
          report.unrepaired.length +
          ' damaged file(s) could not be fetched again: the site is still out of reach. ' +
          'Your work is still safe; try again once you are online.';
        button.disabled = false;
        return;
      }
      location.replace(home);
    });
  });
})();

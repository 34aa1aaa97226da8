// The explorers' widgets, drawn from this site alone. Loaded after require.js and before the
// ipywidgets HTML manager (embed-amd.js), on pages whose notebook saved widget state.
(function () {
  var script = document.currentScript;
  var here = script.src.replace(/[^/]*$/, "");  // this site's _static/, whatever folder the page is in
  require.config({
    paths: {
      // ipympl's front end, which draws the explorers' figures.
      "jupyter-matplotlib": here + "jupyter-matplotlib/index",
      // The HTML manager finds its icon fonts next to the address of this, its own module.
      "@jupyter-widgets/html-manager/dist": here + "html-manager",
    },
  });
  // For a module it cannot load the HTML manager falls back to a CDN; point the fallback here too,
  // so a missing module is a local 404, never a request to the internet.
  script.setAttribute("data-jupyter-widgets-cdn", here + "missing-widget-module/");

  // ipywidgets typesets a slider's label ("$w$") with MathJax 2's MathJax.Hub.Queue; the site runs
  // MathJax 3, whose call is typesetPromise.
  document.addEventListener("DOMContentLoaded", function () {
    var mathjax = window.MathJax;
    if (mathjax && !mathjax.Hub && mathjax.startup) {
      mathjax.Hub = {
        Queue: function (job) {
          mathjax.startup.promise = mathjax.startup.promise.then(function () {
            return mathjax.typesetPromise([job[2]]);
          });
        },
      };
    }
  });
})();

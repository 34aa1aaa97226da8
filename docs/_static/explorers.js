// Explorers on a page with no kernel. The figure's background and, over it, what the sliders' current
// values change, cropped to a box (docs/_ext/site_explorers.py exported one picture per combination of
// values, the first slider slowest). Moving a slider swaps that picture, its alt text and the read-outs.
document.querySelectorAll(".explorer").forEach(function (explorer) {
  var data = JSON.parse(explorer.querySelector(".explorer-data").textContent);
  var sliders = [].slice.call(explorer.querySelectorAll("input[type=range]"));
  var frame = explorer.querySelector(".explorer-frame");
  var folder = explorer.dataset.frames;
  var wanted = null;

  function source(index) {
    return folder + index + ".webp";
  }

  function load(index, priority) {
    var image = new Image();
    image.fetchPriority = priority;
    image.src = source(index);
    return image;
  }

  function current() {                      // the frame of the sliders' positions, the first slider slowest
    return sliders.reduce(function (index, slider, i) {
      return index * data.readouts[i].length + Number(slider.value);
    }, 0);
  }

  function fetchNeighbours() {               // one step either way on each slider: the next key press never waits
    var stride = 1;
    for (var i = sliders.length - 1; i >= 0; i--) {
      var position = Number(sliders[i].value);
      if (position > 0) load(current() - stride, "low");
      if (position < data.readouts[i].length - 1) load(current() + stride, "low");
      stride *= data.readouts[i].length;
    }
  }

  function show() {
    sliders.forEach(function (slider, i) {
      var readout = data.readouts[i][Number(slider.value)];
      slider.setAttribute("aria-valuetext", readout);
      explorer.querySelector('output[for="' + slider.id + '"]').textContent = readout;
    });
    var index = current(), next = load(index, "high");
    wanted = index;
    // Swap once the new picture is decoded, so the old one never shows in the new box.
    next.decode().catch(function () {}).then(function () {
      if (wanted !== index) return;         // a later move already asked for another frame
      var box = data.boxes[index];
      frame.src = source(index);
      frame.width = box[2];
      frame.height = box[3];
      frame.style.left = (100 * box[0] / data.width) + "%";   // the box on the background, in percent:
      frame.style.top = (100 * box[1] / data.height) + "%";   // it scales with the picture
      frame.style.width = (100 * box[2] / data.width) + "%";
      frame.alt = data.alts[index];
      fetchNeighbours();
    });
  }

  sliders.forEach(function (slider) { slider.addEventListener("input", show); });
  explorer.addEventListener("focusin", fetchNeighbours);
  explorer.addEventListener("pointerenter", fetchNeighbours);
});

// Notebook 10's paint pad on a page with no kernel (the HTML: docs/_ext/site_notebooks.py, pad_html).
// The reader paints an 8 x 8 grid with the mouse (press and drag; each cell passed over gets full ink) or
// with the keyboard (arrow keys move a cursor, space paints its cell, shift with an arrow paints as it
// moves), and the network's ten outputs follow as bars, as nnlib.DigitPad does in JupyterLab. The network
// is computed here, in plain JavaScript, from its weights (network.js, one network per epoch of the
// slider); the grid, the bars and the title are painted on a canvas, where and in the colours the figure
// draws them, between two pictures of the rest of the figure: what it draws under them (an <img> under
// the canvas) and over them (painted on the canvas after them): docs/_ext/site_pictures.py, digit_pad.
document.querySelectorAll(".digit-pad").forEach(function (pad) {
  var data = JSON.parse(pad.querySelector(".digit-pad-data").textContent);
  var look = data.drawing;
  var canvas = pad.querySelector("canvas"), context = canvas.getContext("2d");
  var cellsArea = pad.querySelector(".digit-pad-grid"), barsArea = pad.querySelector(".digit-pad-bars");
  var slider = pad.querySelector("input[type=range]"), readout = pad.querySelector("output");
  var status = pad.querySelector(".digit-pad-status");
  var grid = data.grid.slice();             // the ink, 0 to 1, row by row: the network's X (1, 64)
  var networks, last = null;                // last: where the pointer was, in cell units, while pressed
  var cursor = [0, 0], keyboard = false;    // the keyboard's cell [row, column]; shown while the keys paint

  var over = new Image(), script = document.createElement("script");
  over.src = pad.dataset.over;
  script.src = pad.dataset.weights;
  new Promise(function (loaded, failed) {
    script.onload = loaded;
    script.onerror = failed;
    document.head.appendChild(script);
  }).then(function () { return over.decode(); }).then(function () {
    networks = unpack(script.weights);
    pad.querySelector(".explorer-still").remove();   // the stored picture, shown until now
    pad.querySelector(".digit-pad-live").hidden = false;
    show();
  });

  // network.js: every epoch's layers, each w (d_in x d_out, row by row) then b, as little-endian float32.
  function unpack(base64) {
    var bytes = Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
    var numbers = new DataView(bytes.buffer), at = 0;
    function take(count) {
      var values = [];
      for (var i = 0; i < count; i++, at += 4) values.push(numbers.getFloat32(at, true));
      return values;
    }
    return data.readouts.map(function () {
      return data.sizes.slice(1).map(function (d_out, l) {
        return {w: take(data.sizes[l] * d_out), b: take(d_out)};
      });
    });
  }

  // nnlib.forward_layers: h_l = sigmoid(h_{l-1} w_l + b_l), h_0 = X; the last layer softmax if asked.
  function forward(layers, X) {
    var h = X;
    layers.forEach(function (layer, l) {
      var z = layer.b.map(function (b, j) {
        var sum = 0;
        h.forEach(function (h_i, i) { sum += h_i * layer.w[i * layer.b.length + j]; });
        return sum + b;
      });
      h = l < layers.length - 1 || data.output === "sigmoid"
        ? z.map(function (z_j) { return 1 / (1 + Math.exp(-z_j)); })
        : softmax(z);
    });
    return h;
  }

  function softmax(z) {                     // minus the largest z: e^z cannot overflow, the ratios are unchanged
    var top = Math.max.apply(null, z), e = z.map(function (z_j) { return Math.exp(z_j - top); });
    var sum = e.reduce(function (a, b) { return a + b; });
    return e.map(function (e_j) { return e_j / sum; });
  }

  // nnlib.digit_explorers._cells_between: a point every quarter of a cell from start to end (x, y in cell
  // units, as np.linspace spaces them), each rounded to its cell half to even, as np.round does.
  function cellsBetween(start, end) {
    var steps = Math.ceil(4 * Math.max(Math.abs(end[0] - start[0]), Math.abs(end[1] - start[1]))) + 1;
    var cells = [];
    for (var k = 0; k < steps; k++) {
      var point = [0, 1].map(function (a) {
        return k === steps - 1 ? end[a] : start[a] + k * ((end[a] - start[a]) / (steps - 1));
      });
      cells.push([point[1], point[0]].map(function (v) { return Math.min(Math.max(roundHalfEven(v), 0), 7); }));
    }
    return cells;                           // [row, column]
  }

  function roundHalfEven(v) {
    var r = Math.round(v);
    return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  function ink(cells) {                     // full ink in each cell; whether any was new
    var changed = false;
    cells.forEach(function (cell) {
      var i = cell[0] * 8 + cell[1];
      if (grid[i] < 1) { grid[i] = 1; changed = true; }
    });
    return changed;
  }

  function paint(cells) {                   // DigitPad.paint: the outputs follow if a cell was new
    if (ink(cells)) show();
  }

  function where(event) {                   // the pointer in cell units: cell (row, col) is centred on (col, row)
    var box = cellsArea.getBoundingClientRect();
    return [-0.5 + 8 * (event.clientX - box.left) / box.width, -0.5 + 8 * (event.clientY - box.top) / box.height];
  }

  function onGrid(point) {
    return point.every(function (v) { return v >= -0.5 && v <= 7.5; });
  }

  function show() {
    var epoch = Number(slider.value), o = forward(networks[epoch], grid);
    var answer = o.indexOf(Math.max.apply(null, o));     // the first largest, like np.argmax
    readout.textContent = data.readouts[epoch];
    slider.setAttribute("aria-valuetext", data.readouts[epoch]);
    draw(o, answer, data.readouts[epoch]);
    var inked = grid.filter(function (ink) { return ink > 0; }).length;
    cellsArea.setAttribute("aria-label", "Digit pad, 8 by 8 cells, " + inked + " of 64 with ink. Arrow keys " +
                           "move the cursor, space paints its cell, shift with an arrow paints as it moves; or " +
                           "press and drag with the mouse. Clear empties it");
    barsArea.setAttribute("aria-label", "The network reads " + answer + ": output " + answer + " = " +
                          o[answer].toFixed(2) + " (after epoch " + data.readouts[epoch] + "). Outputs for 0 to 9: " +
                          o.map(function (o_j) { return o_j.toFixed(2); }).join(", "));
    barsArea.dataset.outputs = JSON.stringify(o);        // every digit, for whoever checks the numbers
    return answer;
  }

  function draw(o, answer, epoch) {
    context.clearRect(0, 0, canvas.width, canvas.height);
    drawCells();
    drawBars(o, answer);
    context.drawImage(over, 0, 0);          // what the figure draws over the cells and bars: borders, axes
    title(["reads " + answer + " (", "o", String(answer), " = " + o[answer].toFixed(2) + ")"], "after epoch " + epoch);
    if (keyboard) drawCursor();
  }

  function drawCursor() {                   // the keyboard's cell, outlined inside its edges
    var c = context, box = look.cells, side = box[2] / 8;
    c.strokeStyle = "#e66100";              // orange: seen on white and on black ink alike
    c.lineWidth = 2;
    c.strokeRect(box[0] + cursor[1] * side + 1, box[1] + cursor[0] * side + 1, side - 2, side - 2);
  }

  function drawCells() {                    // each cell in the colour map's entry for its ink, as matplotlib picks it
    var c = context, ink = look.ink, box = look.cells, side = box[2] / 8, colors = ink.colors;
    grid.forEach(function (value, i) {
      var k = Math.floor((value - ink.low) / (ink.high - ink.low) * colors.length);
      c.fillStyle = colors[Math.min(Math.max(k, 0), colors.length - 1)];
      c.fillRect(box[0] + (i % 8) * side, box[1] + Math.floor(i / 8) * side, side, side);
    });
  }

  function drawBars(o, answer) {            // bar j from 0 up to o_j, edged in its own colour, inside the axes
    var c = context, box = look.bars_box, width = look.colors.edge_width, half = Math.round(width) % 2 ? 0.5 : 0;
    function snap(v) { return Math.floor(v + 0.5) + half; }   // a corner on a pixel, as matplotlib's Agg puts it
    var axes = [box[0], box[1], box[0] + box[2], box[1] + box[3]].map(Math.round);
    c.save();
    c.beginPath();
    c.rect(axes[0], axes[1], axes[2] - axes[0], axes[3] - axes[1]);
    c.clip();
    c.lineWidth = width;
    o.forEach(function (o_j, j) {
      var left = snap(look.bars[j][0]), right = snap(look.bars[j][1]);
      var top = snap(look.base + (look.one - look.base) * o_j), bottom = snap(look.base);
      c.fillStyle = c.strokeStyle = j === answer ? look.colors.answer : look.colors.bar;
      c.fillRect(left, top, right - left, bottom - top);
      c.strokeRect(left, top, right - left, bottom - top);
    });
    c.restore();
  }

  // The title, two lines centred: "reads 3 ($o_3$ = 0.91)" as matplotlib's mathtext sets it (o in italics,
  // its subscript at 0.7 of the size, 0.15 em below the baseline), then the epoch.
  function title(parts, second) {
    var c = context, t = look.title, size = t.size;
    var fonts = ["", "italic ", "", ""].map(function (style, i) {
      return style + (i === 2 ? 0.7 * size : size) + 'px "' + t.font + '", Verdana, sans-serif';
    });
    var widths = parts.map(function (part, i) { c.font = fonts[i]; return c.measureText(part).width; });
    var x = t.x - widths.reduce(function (a, b) { return a + b; }) / 2;
    c.fillStyle = t.color;
    c.textAlign = "left";
    parts.forEach(function (part, i) {
      c.font = fonts[i];
      c.fillText(part, x, t.baselines[0] + (i === 2 ? 0.15 * size : 0));
      x += widths[i];
    });
    c.font = fonts[0];
    c.textAlign = "center";
    c.fillText(second, t.x, t.baselines[1]);
  }

  cellsArea.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) { last = null; return; }
    event.preventDefault();                 // no text selection, no dragging of the picture
    if (keyboard) { keyboard = false; show(); }          // the mouse paints: no cursor
    cellsArea.setPointerCapture(event.pointerId);        // the stroke goes on outside the grid, as in matplotlib
    last = where(event);
    paint(cellsBetween(last, last));
  });
  cellsArea.addEventListener("pointermove", function (event) {
    var here = where(event);
    if (last === null || !networks || !onGrid(here)) return;   // off the grid: nothing, the stroke still on
    paint(cellsBetween(last, here));
    last = here;
  });
  cellsArea.addEventListener("pointerup", function (event) {   // the stroke ends where the button goes up
    var here = where(event);
    if (last !== null && networks && onGrid(here)) paint(cellsBetween(last, here));
    last = null;
  });
  cellsArea.addEventListener("pointercancel", function () { last = null; });

  var MOVES = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
  cellsArea.addEventListener("keydown", function (event) {
    var move = MOVES[event.key], paints = event.key === " " || event.key === "Enter" || (move && event.shiftKey);
    if (!networks || !(move || paints) || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();                 // the keys paint; they do not scroll the page
    keyboard = true;
    if (move && event.shiftKey) ink([cursor]);           // a stroke: the cell it leaves and the one it enters
    if (move) cursor = cursor.map(function (v, a) { return Math.min(Math.max(v + move[a], 0), 7); });
    if (paints) ink([cursor]);
    var answer = show();                    // once: the cells and the cursor; said aloud by screen readers
    status.textContent = "Row " + (cursor[0] + 1) + ", column " + (cursor[1] + 1) + ": " +
      (grid[cursor[0] * 8 + cursor[1]] > 0 ? "ink" : "empty") + ". The network reads " + answer + ".";
  });
  cellsArea.addEventListener("blur", function () {
    if (keyboard && networks) { keyboard = false; show(); }
  });
  pad.querySelector(".digit-pad-clear").addEventListener("click", function () {
    grid.fill(0);                           // DigitPad.clear
    show();
  });
  slider.addEventListener("input", show);
});

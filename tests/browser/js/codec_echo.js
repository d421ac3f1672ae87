// Test-only widget: decode every array the kernel sent, then send back (1) the arrays
// re-encoded in their own dtype and (2) their values as float64, and report what JS saw.
import { asNumbers, decode, encode } from "../../../js/lib/codec.js";
import { h } from "../../../js/lib/dom.js";

function render({ model, el }) {
  const echoed = {};
  const asFloat64 = {};
  const report = {};
  for (const [name, payload] of Object.entries(model.get("inputs"))) {
    const arr = decode(payload);
    report[name] = { dtype: arr.dtype, shape: arr.shape, size: arr.size, kind: arr.data.constructor.name };
    echoed[name] = encode(arr);
    asFloat64[name] = encode({ dtype: "float64", shape: arr.shape, data: asNumbers(arr.data) });
  }
  model.set({ echoed, as_float64: asFloat64, report });
  model.save_changes();
  const rows = Object.entries(report).map(([name, r]) =>
    h("tr", null, h("td", null, name), h("td", null, r.dtype), h("td", null, `[${r.shape}]`), h("td", null, r.kind)),
  );
  el.replaceChildren(
    h("div", { class: "cnnslicer-view", "data-roundtrip": "sent" },
      h("table", null, h("tr", null, h("th", null, "array"), h("th", null, "dtype"), h("th", null, "shape"), h("th", null, "decoded as")), rows)),
  );
}

export default { render };

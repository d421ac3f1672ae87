// Styles of a view that are not in the shared cnnslicer.css: one <style> element per name in
// the document head, its text replaced on each render (a re-run cell brings new styles).

/** Put css in <style data-cnnslicer-style=name> (made once, shared by all instances). */
export function useStyle(name, css) {
  let style = document.head.querySelector(`style[data-cnnslicer-style="${name}"]`);
  if (!style) {
    style = document.createElement("style");
    style.dataset.cnnslicerStyle = name;
    document.head.append(style);
  }
  if (style.textContent !== css) style.textContent = css;
  return style;
}

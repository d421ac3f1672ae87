// The _esm of the FrontEnd model (Python: widgets/_static.py): imports the front end as soon
// as the model reaches the page. The code is in js/lib/loader.js.
import { frontEndModel } from "./lib/loader.js";

export default frontEndModel;

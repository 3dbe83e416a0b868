// A smoke test of the bundle: it loads with a stand-in `vscode` module (any property is
// another stand-in) and exports the two entry points VS Code calls.
const Module = require("module");
const path = require("path");

const stand_in = new Proxy(function () {}, {
  get: (_target, key) => (key === "prototype" ? {} : stand_in),
  construct: () => stand_in,
  apply: () => stand_in,
});
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return stand_in;
  return load.call(this, request, parent, isMain);
};
const bundle = require(path.join(__dirname, "dist", "extension.js"));
for (const name of ["activate", "deactivate"]) {
  if (typeof bundle[name] !== "function") {
    console.error(`dist/extension.js does not export ${name}`);
    process.exit(1);
  }
}
console.log("dist/extension.js loads and exports activate and deactivate");

/** @type {import('prettier').Config} */
const config = {
    printWidth: 110,
    tabWidth: 4,
    xmlSelfClosingSpace: false,
    xmlWhitespaceSensitivity: "ignore",
    bracketSameLine: true,
    plugins: [require.resolve("@prettier/plugin-xml")],
};
module.exports = config;

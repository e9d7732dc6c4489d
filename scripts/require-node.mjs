// Fails fast, with a message a newcomer can act on, when Node is older than the stack needs.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 22)) {
  console.error(
    `Outpost needs Node.js 24 LTS (>= 22.22); this is ${process.version}.\n` +
      'Install it with: npm install -g --prefix ~/.node24 node@24 && export PATH=~/.node24/bin:$PATH',
  );
  process.exit(1);
}

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Noto Sans SC (SIL Open Font License) from npm: a fresh server has no CJK system font, and
 * a PDF must carry its glyphs. The package ships nine weights (92 MB on disk); we load two,
 * and pdfkit embeds only the glyphs a document uses.
 */
export const fontPaths = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

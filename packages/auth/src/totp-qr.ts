import QRCode from 'qrcode';

/** The otpauth:// URI as a QR code, an SVG data URL drawn here (no network, no canvas). */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

package dev.cognitocreds.client.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalQrCodeTest {
  private static final String URI =
      "otpauth://totp/us-east-2_DEMOpool1:licensed-user?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
          + "&issuer=us-east-2_DEMOpool1";
  private static final int PIXELS_PER_MODULE = 4;

  @Test
  void drawnCodeScansBackToTheUri() throws Exception {
    List<String> lines = TerminalQrCode.lines(URI);

    Result scanned = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(image(lines))));

    assertThat(scanned.getText()).isEqualTo(URI);
  }

  @Test
  void usesOnlyHalfBlocksAndSpacesWithALightQuietZone() {
    List<String> lines = TerminalQrCode.lines(URI);

    assertThat(lines)
        .allSatisfy(line -> assertThat(line).matches("[█▀▄ ]+").hasSameSizeAs(lines.get(0)));
    assertThat(lines.get(0)).matches("█+");
    assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("██").endsWith("██"));
  }

  /** The terminal picture as pixels: a block character's lit half is light, the rest dark. */
  private static RGBLuminanceSource image(List<String> lines) {
    int width = lines.get(0).length() * PIXELS_PER_MODULE;
    int height = lines.size() * 2 * PIXELS_PER_MODULE;
    int[] pixels = new int[width * height];
    for (int row = 0; row < lines.size(); row++) {
      String line = lines.get(row);
      for (int column = 0; column < line.length(); column++) {
        char block = line.charAt(column);
        paint(pixels, width, column, row * 2, block == '█' || block == '▀');
        paint(pixels, width, column, row * 2 + 1, block == '█' || block == '▄');
      }
    }
    return new RGBLuminanceSource(width, height, pixels);
  }

  private static void paint(int[] pixels, int width, int moduleX, int moduleY, boolean light) {
    for (int dy = 0; dy < PIXELS_PER_MODULE; dy++) {
      for (int dx = 0; dx < PIXELS_PER_MODULE; dx++) {
        pixels[(moduleY * PIXELS_PER_MODULE + dy) * width + moduleX * PIXELS_PER_MODULE + dx] =
            light ? 0xFFFFFF : 0x000000;
      }
    }
  }
}

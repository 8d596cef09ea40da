package dev.cognitocreds.client.prompt;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A QR code drawn with Unicode half blocks, two module rows per text line, so an authenticator app
 * can scan an {@code otpauth://} URI straight off the terminal. Like {@code qrencode -t UTF8}, the
 * blocks are the light modules: on the usual light-on-dark terminal the code reads dark on light,
 * with a quiet zone around it.
 */
public final class TerminalQrCode {
  private static final int QUIET_ZONE = 2;

  private TerminalQrCode() {}

  /** The lines to print, top to bottom; empty when the text does not fit in a QR code. */
  public static List<String> lines(String text) {
    BitMatrix matrix;
    try {
      matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.MARGIN,
                      QUIET_ZONE,
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.L));
    } catch (WriterException | IllegalArgumentException e) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (int y = 0; y < matrix.getHeight(); y += 2) {
      StringBuilder line = new StringBuilder(matrix.getWidth());
      for (int x = 0; x < matrix.getWidth(); x++) {
        boolean topLight = !matrix.get(x, y);
        boolean bottomLight = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
        line.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
      }
      lines.add(line.toString());
    }
    return lines;
  }
}

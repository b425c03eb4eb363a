package dev.lockwatch.ui.locktable;

import dev.lockwatch.lock.Verdict;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** Shows a verdict as a coloured badge (colours in lockwatch.css, per theme). */
final class VerdictBadgeCell extends TableCell<LockRow, Verdict> {
    private final Label badge = new Label();

    VerdictBadgeCell() {
        badge.getStyleClass().add("verdict-badge");
        badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    @Override
    protected void updateItem(Verdict verdict, boolean empty) {
        super.updateItem(verdict, empty);
        badge.getStyleClass().removeIf(c -> c.startsWith("verdict-") && !c.equals("verdict-badge"));
        if (empty || verdict == null) {
            setGraphic(null);
            return;
        }
        badge.setText(verdict.word());
        badge.getStyleClass().add("verdict-" + verdict.word());
        setGraphic(badge);
    }
}

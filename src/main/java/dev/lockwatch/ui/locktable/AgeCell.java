package dev.lockwatch.ui.locktable;

import dev.lockwatch.lock.Ages;
import java.time.Instant;
import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.control.TableCell;

/**
 * A row's age, computed from the table's one clock. The cell follows the clock itself and sets its text only
 * when the shown text changes: ages past 10 minutes show whole minutes ({@link Ages#glance}), so a tick that
 * changes no visible age touches no node and an idle table lays out and repaints nothing. Only the ~40 visible
 * cells listen, never one listener per row.
 */
final class AgeCell extends TableCell<LockRow, LockRow> {
    private final ObservableValue<Instant> now;
    private final ChangeListener<Instant> onTick = (obs, old, at) -> showAge();

    AgeCell(ObservableValue<Instant> now) {
        this.now = now;
        now.addListener(new WeakChangeListener<>(onTick));
    }

    @Override
    protected void updateItem(LockRow row, boolean empty) {
        super.updateItem(row, empty);
        showAge();
    }

    private void showAge() {
        LockRow row = getItem();
        String text = row == null || isEmpty() ? null : Ages.glance(row.shownAgeMs(now.getValue()));
        if (!Objects.equals(text, getText())) {
            setText(text);
        }
    }
}

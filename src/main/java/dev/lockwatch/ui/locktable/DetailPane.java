package dev.lockwatch.ui.locktable;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The evidence for the selected lock, with its row actions. */
public final class DetailPane {
    private final VBox box = new VBox(8);

    public DetailPane(LockTableViewModel vm, ObservableValue<LockRow> selected, LockTableView.RowActions actions) {
        Label title = new Label("Evidence");
        title.getStyleClass().add("title-4");
        TextArea text = new TextArea();
        text.setId("lock-details");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("monospace");
        VBox.setVgrow(text, Priority.ALWAYS);
        // Set only when the evidence really changes: re-setting equal text every tick re-laid out the text area
        // and repainted its caret, once a second, with nothing selected.
        Runnable show = () -> {
            String evidence = selected.getValue() == null ? "Select a lock to see its evidence." : vm.details(selected.getValue());
            if (!evidence.equals(text.getText())) {
                text.setText(evidence);
            }
        };
        selected.addListener((obs, old, row) -> show.run());
        vm.nowProperty().addListener((obs, old, now) -> {
            if (selected.getValue() != null) {
                show.run();
            }
        });
        show.run();
        Button copy = new Button("Copy path");
        copy.setOnAction(e -> actions.copyPath().accept(selected.getValue()));
        Button open = new Button("Open folder");
        open.setOnAction(e -> actions.openFolder().accept(selected.getValue()));
        Button raw = new Button("Raw payload");
        raw.setOnAction(e -> actions.showRaw().accept(selected.getValue()));
        for (Button b : new Button[] {copy, open, raw}) {
            b.disableProperty().bind(Bindings.createBooleanBinding(() -> selected.getValue() == null, selected));
        }
        box.getChildren().addAll(title, text, new HBox(6, copy, open, raw));
        box.setMinWidth(260);
    }

    public VBox node() {
        return box;
    }
}

package dev.lockwatch.ui.settings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Lists the watched roots, with add (folder chooser) and remove. Changes apply at once and are remembered. */
public final class RootsDialog {
    private final SettingsViewModel settings;
    private final Supplier<Optional<Path>> chooseFolder;

    public RootsDialog(SettingsViewModel settings, Supplier<Optional<Path>> chooseFolder) {
        this.settings = settings;
        this.chooseFolder = chooseFolder;
    }

    public void show(Window owner) {
        ListView<Path> list = new ListView<>(settings.roots());
        list.setId("roots-list");
        list.setPrefSize(520, 200);
        Button add = new Button("Add folder…");
        add.setId("roots-add");
        add.setOnAction(e -> chooseFolder.get().ifPresent(settings::addRoot));
        Button remove = new Button("Remove");
        remove.setId("roots-remove");
        remove.disableProperty().bind(Bindings.isNull(list.getSelectionModel().selectedItemProperty()));
        remove.setOnAction(e -> settings.removeRoot(list.getSelectionModel().getSelectedItem()));
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Watched folders");
        dialog.getDialogPane().setContent(new VBox(8,
                new Label("Every *.jsonl.lock below these folders is watched. You can also drop a folder on the window."),
                list, new HBox(6, add, remove)));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
    }
}

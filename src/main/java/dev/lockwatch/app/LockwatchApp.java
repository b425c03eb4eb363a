package dev.lockwatch.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The JavaFX application: wires the views to their view-models. */
public final class LockwatchApp extends Application {

    static void launchGui(String[] args) {
        Application.launch(LockwatchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new TableView<>());
        root.setBottom(new Label("No locks"));
        stage.setTitle("Lockwatch");
        stage.setScene(new Scene(root, 1000, 600));
        stage.show();
    }
}
